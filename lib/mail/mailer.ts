import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { getServerEnv } from '@/lib/env';

/** Whether Tillit can send e-mail (SMTP_URL and SMTP_FROM are set). Without it, invitations are links to copy. */
export function isEmailConfigured(): boolean {
  return getServerEnv().smtp !== null;
}

const globalForMail = globalThis as unknown as { tillitMailer?: { url: string; transport: Transporter } };

function getTransport(url: string): Transporter {
  if (globalForMail.tillitMailer?.url !== url) {
    globalForMail.tillitMailer = { url, transport: nodemailer.createTransport(url) };
  }
  return globalForMail.tillitMailer.transport;
}

export type OutgoingMail = { to: string; subject: string; text: string };

/** Sends one plain-text message through the configured SMTP server. Throws when e-mail is not configured. */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const smtp = getServerEnv().smtp;
  if (!smtp) throw new Error('e-mail is not configured (SMTP_URL, SMTP_FROM)');
  await getTransport(smtp.url).sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text });
}
