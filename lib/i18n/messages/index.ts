import type { Locale } from '../config';
import enAdmin from './en/admin.json';
import enApi from './en/api.json';
import enBoard from './en/board.json';
import enBoardA11y from './en/board-a11y.json';
import enBoardDialogs from './en/board-dialogs.json';
import enCardWork from './en/card-work.json';
import enCommon from './en/common.json';
import enExperiments from './en/experiments.json';
import enFlow from './en/flow.json';
import enFlowGuide from './en/flow-guide.json';
import enData from './en/data.json';
import enImport from './en/import.json';
import enFlowHistory from './en/flow-history.json';
import enLive from './en/live.json';
import enLanes from './en/lanes.json';
import enStandup from './en/standup.json';
import enSecurity from './en/security.json';
import enComments from './en/comments.json';
import enNotifications from './en/notifications.json';
import enPeople from './en/people.json';
import enSearch from './en/search.json';
import enReadLog from './en/read-log.json';
import enTeamBoards from './en/team-boards.json';
import enMentionEmail from './en/mention-email.json';
import svAdmin from './sv/admin.json';
import svApi from './sv/api.json';
import svBoard from './sv/board.json';
import svBoardA11y from './sv/board-a11y.json';
import svBoardDialogs from './sv/board-dialogs.json';
import svCardWork from './sv/card-work.json';
import svCommon from './sv/common.json';
import svExperiments from './sv/experiments.json';
import svFlow from './sv/flow.json';
import svFlowGuide from './sv/flow-guide.json';
import svData from './sv/data.json';
import svImport from './sv/import.json';
import svFlowHistory from './sv/flow-history.json';
import svLive from './sv/live.json';
import svLanes from './sv/lanes.json';
import svStandup from './sv/standup.json';
import svSecurity from './sv/security.json';
import svComments from './sv/comments.json';
import svNotifications from './sv/notifications.json';
import svPeople from './sv/people.json';
import svSearch from './sv/search.json';
import svReadLog from './sv/read-log.json';
import svTeamBoards from './sv/team-boards.json';
import svMentionEmail from './sv/mention-email.json';

/**
 * The message catalogues, one JSON file per area and language. A new area adds one import per language here;
 * messages.test.ts fails when a key exists in one language and not the other.
 */
export const CATALOGUES = {
  en: { ...enCommon, ...enBoard, ...enBoardDialogs, ...enBoardA11y, ...enStandup, ...enFlow, ...enFlowGuide, ...enAdmin, ...enData, ...enApi, ...enSecurity, ...enLive, ...enImport, ...enLanes, ...enExperiments, ...enComments, ...enNotifications, ...enPeople, ...enSearch, ...enReadLog, ...enTeamBoards, ...enCardWork, ...enFlowHistory, ...enMentionEmail },
  sv: { ...svCommon, ...svBoard, ...svBoardDialogs, ...svBoardA11y, ...svStandup, ...svFlow, ...svFlowGuide, ...svAdmin, ...svData, ...svApi, ...svSecurity, ...svLive, ...svImport, ...svLanes, ...svExperiments, ...svComments, ...svNotifications, ...svPeople, ...svSearch, ...svReadLog, ...svTeamBoards, ...svCardWork, ...svFlowHistory, ...svMentionEmail },
} as const;

export type Messages = (typeof CATALOGUES)['en'];

export function loadMessages(locale: Locale): Messages {
  return CATALOGUES[locale] as Messages;
}
