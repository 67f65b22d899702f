'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import type { ActionErrorCode, ActionResult } from '@/lib/api/action';
import { TEAM_ROLES, type TeamRole } from '@/lib/domain/permissions';
import {
  changeMemberRoleAction,
  createInvitationAction,
  removeMemberAction,
  revokeInvitationAction,
  type CreatedInvitationResult,
} from './actions';

type Member = { userId: string; name: string; email: string | null; role: TeamRole; sinceLabel: string; isSelf: boolean };

const BUTTON = 'rounded border border-slate-500 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60';
const PRIMARY = 'rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60 aria-disabled:opacity-60';

function useErrorText() {
  const t = useTranslations('admin.errors');
  return (code: ActionErrorCode) => t(code);
}

function Feedback({ status, error }: { status: string | null; error: string | null }) {
  return (
    <>
      <p aria-live="polite" className={status ? 'mt-2 text-green-900' : 'sr-only'}>
        {status ?? ''}
      </p>
      {error && (
        <p role="alert" className="mt-2 rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
    </>
  );
}

export function MembersTable({ teamId, teamName, canManage, members }: { teamId: string; teamName: string; canManage: boolean; members: Member[] }) {
  const t = useTranslations('admin');
  const errorText = useErrorText();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [toRemove, setToRemove] = useState<Member | null>(null);

  function report(result: ActionResult<unknown>, success: string) {
    if (result.ok) {
      setError(null);
      setStatus(success);
    } else {
      setStatus(null);
      setError(errorText(result.code));
    }
  }

  function changeRole(event: FormEvent<HTMLFormElement>, member: Member) {
    event.preventDefault();
    const role = String(new FormData(event.currentTarget).get('role')) as TeamRole;
    startTransition(async () => {
      report(await changeMemberRoleAction(teamId, member.userId, role), t('members.roleChanged', { name: member.name, role: t(`role.${role}`) }));
    });
  }

  function remove(member: Member) {
    startTransition(async () => {
      const result = await removeMemberAction(teamId, member.userId);
      setToRemove(null);
      report(result, t('members.removed', { name: member.name }));
      if (result.ok && member.isSelf) router.push('/teams');
    });
  }

  return (
    <div>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="p-2">{t('members.name')}</th>
              {canManage && <th scope="col" className="p-2">{t('members.email')}</th>}
              <th scope="col" className="p-2">{t('members.roleColumn')}</th>
              <th scope="col" className="p-2">{t('members.since')}</th>
              {canManage && <th scope="col" className="p-2">{t('members.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.userId} className="border-b border-slate-200 align-top">
                <th scope="row" className="p-2 font-normal">
                  {member.name} {member.isSelf && <span className="text-slate-700">{t('members.you')}</span>}
                </th>
                {canManage && <td className="break-all p-2">{member.email}</td>}
                <td className="p-2">{t(`role.${member.role}`)}</td>
                <td className="p-2">{member.sinceLabel}</td>
                {canManage && (
                  <td className="p-2">
                    <div className="flex flex-wrap items-end gap-2">
                      <form onSubmit={(event) => changeRole(event, member)} className="flex flex-wrap items-center gap-2">
                        <label className="sr-only" htmlFor={`role-${member.userId}`}>
                          {t('members.roleFor', { name: member.name })}
                        </label>
                        <select id={`role-${member.userId}`} name="role" defaultValue={member.role} className="rounded border border-slate-500 bg-white px-2 py-1">
                          {TEAM_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t(`role.${role}`)}
                            </option>
                          ))}
                        </select>
                        <button type="submit" disabled={isPending} className={BUTTON} aria-label={t('members.saveRoleFor', { name: member.name })}>
                          {t('members.saveRole')}
                        </button>
                      </form>
                      <button type="button" disabled={isPending} className={BUTTON} onClick={() => setToRemove(member)} aria-label={member.isSelf ? undefined : t('members.removeMember', { name: member.name })}>
                        {member.isSelf ? t('members.leave') : t('members.remove')}
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Feedback status={status} error={error} />
      <Dialog
        open={toRemove !== null}
        onClose={() => setToRemove(null)}
        size="sm"
        title={toRemove?.isSelf ? t('members.leaveTitle', { team: teamName }) : t('members.removeTitle', { name: toRemove?.name ?? '' })}
      >
        <p>{toRemove?.isSelf ? t('members.leaveBody') : t('members.removeBody', { name: toRemove?.name ?? '' })}</p>
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <button type="button" className={BUTTON} onClick={() => setToRemove(null)}>
            {t('members.cancel')}
          </button>
          <button type="button" disabled={isPending} className="rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900 disabled:opacity-60" onClick={() => toRemove && remove(toRemove)}>
            {isPending ? t('members.working') : toRemove?.isSelf ? t('members.leaveConfirm') : t('members.removeConfirm')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}

export function InviteForm({ teamId, canEmail }: { teamId: string; canEmail: boolean }) {
  const t = useTranslations('admin');
  const tNotices = useTranslations('memberNotices');
  // Read out once the link exists (the box with it appears silently otherwise); focus stays on the button.
  const [announcement, setAnnouncement] = useState({ id: 0, text: '' });
  const format = useFormatter();
  const errorText = useErrorText();
  const roleId = useId();
  const emailId = useId();
  const hintId = useId();
  const [isPending, startTransition] = useTransition();
  const [created, setCreated] = useState<CreatedInvitationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = canEmail ? String(data.get('email') ?? '').trim() : '';
    startTransition(async () => {
      const result = await createInvitationAction(teamId, String(data.get('role')), email || null);
      setStatus(null);
      if (!result.ok) {
        setCreated(null);
        setError(errorText(result.code));
        return;
      }
      setError(null);
      setCreated(result.data);
      if (result.data.email && result.data.emailSent) setStatus(t('members.emailSent', { email: result.data.email }));
      else {
        const expires = format.dateTime(new Date(result.data.expiresAt), { dateStyle: 'medium', timeStyle: 'short' });
        const text = tNotices('linkCreated', { role: t(`role.${result.data.role}`), expires });
        setAnnouncement((previous) => ({ id: previous.id + 1, text }));
      }
      form.reset();
    });
  }

  async function copy(link: string) {
    try {
      await navigator.clipboard.writeText(link);
      setStatus(t('members.copied'));
    } catch {
      // No clipboard permission: the link is selectable in the field.
    }
  }

  return (
    <div>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={roleId} className="font-medium">
            {t('members.inviteRole')}
          </label>
          <select id={roleId} name="role" defaultValue="MEMBER" className="max-w-xs rounded border border-slate-500 bg-white px-2 py-2">
            {TEAM_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
          <p className="text-sm text-slate-700">
            {t('roleHint.MEMBER')} {t('roleHint.VIEWER')}
          </p>
        </div>
        {canEmail ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={emailId} className="font-medium">
              {t('members.inviteEmail')}
            </label>
            <input id={emailId} name="email" type="email" autoComplete="off" aria-describedby={hintId} className="max-w-md rounded border border-slate-500 px-3 py-2" />
            <p id={hintId} className="text-sm text-slate-700">
              {t('members.inviteEmailHint')}
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-700">{t('members.inviteEmailUnavailable')}</p>
        )}
        <div>
          {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the page while the link is made. */}
          <button type="submit" aria-disabled={isPending || undefined} className={PRIMARY}>
            {isPending ? t('members.working') : canEmail ? t('members.sendEmail') : t('members.createLink')}
          </button>
        </div>
      </form>
      <Feedback status={status} error={error} />
      <div role="status" className="sr-only" data-testid="invite-announcer">
        <p key={announcement.id}>{announcement.text}</p>
      </div>
      {created && (
        <div className="mt-3 rounded border border-brand-600 bg-brand-50 p-3">
          {created.email && !created.emailSent && <p role="alert" className="mb-2 text-red-900">{t('members.emailFailed', { email: created.email })}</p>}
          <p>
            {t('members.linkReady', {
              role: t(`role.${created.role}`),
              expires: format.dateTime(new Date(created.expiresAt), { dateStyle: 'medium', timeStyle: 'short' }),
            })}
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <label className="sr-only" htmlFor={`${roleId}-link`}>
              {t('members.linkLabel')}
            </label>
            <input id={`${roleId}-link`} readOnly value={created.link} onFocus={(event) => event.currentTarget.select()} className="min-w-0 flex-1 rounded border border-slate-500 bg-white px-2 py-1 font-mono text-sm" />
            <button type="button" className={BUTTON} onClick={() => copy(created.link)}>
              {t('members.copy')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

type PendingInvitation = { id: string; description: string; delivery: string; createdLabel: string };

export function PendingInvitations({ teamId, invitations }: { teamId: string; invitations: PendingInvitation[] }) {
  const t = useTranslations('admin');
  const errorText = useErrorText();
  const [isPending, startTransition] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function revoke(id: string) {
    startTransition(async () => {
      const result = await revokeInvitationAction(teamId, id);
      setStatus(result.ok ? t('members.revoked') : null);
      setError(result.ok ? null : errorText(result.code));
    });
  }

  return (
    <div>
      {invitations.length === 0 ? (
        <p>{t('members.pendingEmpty')}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-300 bg-white p-3">
              <div>
                <p>{invitation.description}</p>
                <p className="text-sm text-slate-700">{invitation.delivery}</p>
              </div>
              <button type="button" disabled={isPending} className={BUTTON} aria-label={t('members.revokeLabel', { created: invitation.createdLabel })} onClick={() => revoke(invitation.id)}>
                {t('members.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Feedback status={status} error={error} />
    </div>
  );
}
