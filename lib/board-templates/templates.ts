/**
 * Board templates: the starting structures a team may pick for a new board ("Ny tavla"). Pure data, in Swedish and
 * English; the board is created in the language of the person's UI, and from then on it is the team's board: every
 * column, limit and policy can be changed. A template holds no target, quota or deadline, only a way of working
 * that public-sector teams commonly start from, with explicit policies saying when work enters and leaves a column.
 */
import type { FlowState } from '@/lib/domain/flow-states';
import type { ClassOfService } from '@/lib/domain/lanes';
import type { Locale } from '@/lib/i18n/config';
import type { WipMode } from '@/lib/domain/wip';

/** A text in both UI languages. */
export type LocalizedText = Readonly<Record<Locale, string>>;

export type TemplateColumn = {
  readonly name: LocalizedText;
  readonly flowState: FlowState;
  readonly wipLimit: number | null;
  readonly wipMode: WipMode;
  readonly policy: LocalizedText;
};

export type TemplateLane = {
  readonly name: LocalizedText;
  readonly classOfService: ClassOfService;
  readonly wipLimit: number | null;
  readonly wipMode: WipMode;
  readonly policy: LocalizedText;
};

export type BoardTemplate = {
  readonly id: string;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  readonly columns: readonly TemplateColumn[];
  /** The board's lanes; the first is its standard lane. Every template has at least one. */
  readonly lanes: readonly TemplateLane[];
};

const STANDARD_LANE: TemplateLane = {
  name: { sv: 'Standard', en: 'Standard' },
  classOfService: 'STANDARD',
  wipLimit: null,
  wipMode: 'ADVISORY',
  policy: { sv: '', en: '' },
};

const column = (name: LocalizedText, flowState: FlowState, policy: LocalizedText, wipLimit: number | null = null, wipMode: WipMode = 'ADVISORY'): TemplateColumn => ({
  name,
  flowState,
  wipLimit,
  wipMode,
  policy,
});

/** The structure of a blank board: Inkommet → Pågår → Klart, one standard lane, no limits. */
export const BLANK_BOARD: Omit<BoardTemplate, 'id' | 'name' | 'description'> = {
  columns: [
    column({ sv: 'Inkommet', en: 'Incoming' }, 'NOT_STARTED', { sv: '', en: '' }),
    column({ sv: 'Pågår', en: 'In progress' }, 'IN_PROGRESS', { sv: '', en: '' }),
    column({ sv: 'Klart', en: 'Done' }, 'DONE', { sv: '', en: '' }),
  ],
  lanes: [STANDARD_LANE],
};

export const BOARD_TEMPLATES: readonly BoardTemplate[] = [
  {
    id: 'simple',
    name: { sv: 'Enkel: Att göra, Pågår, Klart', en: 'Simple: To do, Doing, Done' },
    description: {
      sv: 'Tre kolumner att börja med. Teamet lägger till steg och gränser när arbetet visar vad som behövs.',
      en: 'Three columns to start with. The team adds steps and limits as the work shows what it needs.',
    },
    columns: [
      column({ sv: 'Att göra', en: 'To do' }, 'NOT_STARTED', {
        sv: 'Det vi har sagt ja till men inte börjat med. Överst det som ska dras först.',
        en: 'What we have said yes to but not started. At the top, what is pulled first.',
      }),
      column({ sv: 'Pågår', en: 'Doing' }, 'IN_PROGRESS', {
        sv: 'Någon arbetar med kortet. Avsluta innan du börjar något nytt.',
        en: 'Someone is working on the card. Finish before starting something new.',
      }, 5),
      column({ sv: 'Klart', en: 'Done' }, 'DONE', {
        sv: 'Levererat till den som behövde det.',
        en: 'Delivered to whoever needed it.',
      }),
    ],
    lanes: [STANDARD_LANE],
  },
  {
    id: 'social-services-intake',
    name: { sv: 'Socialtjänst: mottagning', en: 'Social services: intake' },
    description: {
      sv: 'Ansökningar och anmälningar från att de kommer in till beslut, med ett eget spår för det som inte kan vänta.',
      en: 'Applications and reports from arrival to decision, with a lane of its own for what cannot wait.',
    },
    columns: [
      column({ sv: 'Inkommet', en: 'Incoming' }, 'NOT_STARTED', {
        sv: 'Nya ansökningar och anmälningar. Den som tar emot bedömer samma dag om något är akut och lägger det i spåret Akut.',
        en: 'New applications and reports. Whoever receives one judges the same day whether it is urgent and puts it in the Urgent lane.',
      }),
      column({ sv: 'Förhandsbedömning', en: 'Initial assessment' }, 'IN_PROGRESS', {
        sv: 'Vi tar ställning till om en utredning ska inledas. Klar när beslutet att inleda eller inte inleda är dokumenterat.',
        en: 'We decide whether to open an investigation. Done when the decision to open one or not is recorded.',
      }, 6),
      column({ sv: 'Utredning', en: 'Investigation' }, 'IN_PROGRESS', {
        sv: 'Utredningen pågår. Blockera kortet med skäl när vi väntar på någon annan, så att det syns på tavlan.',
        en: 'The investigation is under way. Block the card with a reason when we wait for someone else, so the board shows it.',
      }, 8),
      column({ sv: 'Beslut', en: 'Decision' }, 'IN_PROGRESS', {
        sv: 'Utredningen är klar och beslutet förbereds, fattas och meddelas den enskilde.',
        en: 'The investigation is complete; the decision is prepared, taken and communicated to the person.',
      }, 4),
      column({ sv: 'Avslutat', en: 'Closed' }, 'DONE', {
        sv: 'Beslutet är meddelat och ärendet avslutat.',
        en: 'The decision is communicated and the case closed.',
      }),
    ],
    lanes: [
      {
        name: { sv: 'Akut', en: 'Urgent' },
        classOfService: 'EXPEDITE',
        wipLimit: 2,
        wipMode: 'ADVISORY',
        policy: {
          sv: 'Ärenden där någon kan behöva skydd nu. Dras före allt annat; teamet hjälps åt tills det är omhändertaget.',
          en: 'Cases where someone may need protection now. Pulled before anything else; the team helps until it is taken care of.',
        },
      },
      { ...STANDARD_LANE },
    ],
  },
  {
    id: 'building-permits',
    name: { sv: 'Bygglov', en: 'Building permits' },
    description: {
      sv: 'Bygglovsärenden från ansökan till expedierat beslut, med komplettering och remiss som egna steg.',
      en: 'Building permit cases from application to issued decision, with requests for more information and consultation as steps of their own.',
    },
    columns: [
      column({ sv: 'Inkommen ansökan', en: 'Application received' }, 'NOT_STARTED', {
        sv: 'Registrerad ansökan som ingen har börjat granska.',
        en: 'A registered application that nobody has started to review.',
      }),
      column({ sv: 'Komplett?', en: 'Complete?' }, 'IN_PROGRESS', {
        sv: 'Vi kontrollerar att ansökan är komplett. Saknas något begär vi komplettering och blockerar kortet med skäl.',
        en: 'We check that the application is complete. If something is missing we ask for it and block the card with the reason.',
      }, 6),
      column({ sv: 'Granskning och remiss', en: 'Review and consultation' }, 'IN_PROGRESS', {
        sv: 'Prövning mot plan och regler, grannehörande och remisser.',
        en: 'Assessment against the plan and rules, neighbour hearing and consultations.',
      }, 8),
      column({ sv: 'Beslut', en: 'Decision' }, 'IN_PROGRESS', {
        sv: 'Beslutet skrivs och fattas.',
        en: 'The decision is written and taken.',
      }, 4),
      column({ sv: 'Expedierat', en: 'Issued' }, 'DONE', {
        sv: 'Beslutet är skickat till sökanden och kungjort.',
        en: 'The decision is sent to the applicant and announced.',
      }),
    ],
    lanes: [STANDARD_LANE],
  },
  {
    id: 'improvement-work',
    name: { sv: 'Förbättringsarbete', en: 'Improvement work' },
    description: {
      sv: 'Teamets egna förbättringar som små försök: planera, gör, studera, agera.',
      en: "The team's own improvements as small experiments: plan, do, study, act.",
    },
    columns: [
      column({ sv: 'Idéer', en: 'Ideas' }, 'NOT_STARTED', {
        sv: 'Alla i teamet får lägga till en idé. Vi väljer tillsammans vilken vi provar härnäst.',
        en: 'Everyone on the team may add an idea. We choose together which to try next.',
      }),
      column({ sv: 'Planera', en: 'Plan' }, 'IN_PROGRESS', {
        sv: 'Vad ändrar vi, varför, och vad förväntar vi oss se?',
        en: 'What do we change, why, and what do we expect to see?',
      }, 3),
      column({ sv: 'Pröva', en: 'Do' }, 'IN_PROGRESS', {
        sv: 'Försöket pågår i liten skala.',
        en: 'The experiment runs on a small scale.',
      }, 3),
      column({ sv: 'Studera', en: 'Study' }, 'IN_PROGRESS', {
        sv: 'Vi jämför med vad vi förväntade oss och bestämmer: behålla, justera eller släppa.',
        en: 'We compare with what we expected and decide: adopt, adapt or abandon.',
      }, 3),
      column({ sv: 'Klart', en: 'Done' }, 'DONE', {
        sv: 'Beslutet är taget och det vi lärde oss är nedskrivet.',
        en: 'The decision is taken and what we learned is written down.',
      }),
    ],
    lanes: [STANDARD_LANE],
  },
];

export const BOARD_TEMPLATE_IDS = BOARD_TEMPLATES.map((template) => template.id);

/** The template with this id, or null (an id from the network may be anything). */
export function findBoardTemplate(id: unknown): BoardTemplate | null {
  return typeof id === 'string' ? (BOARD_TEMPLATES.find((template) => template.id === id) ?? null) : null;
}
