// The demo's draft SIP in Kramfors (docs/sip.md): the municipality's SIP coordinator sees what the
// law still requires, is refused activation with every missing item named, records a reply to
// the invited meeting and its outcome, and invites to another meeting.
import { expect, test } from '@playwright/test';
import { checkPage, signIn } from './helpers';

test('the SIP coordinator works on a draft plan: checklist, refused activation, meeting reply and outcome', async ({ page }) => {
  await signIn(page, 'sip.kramfors');
  await page.getByRole('link', { name: 'SIP', exact: true }).click();
  const draft = page.getByTestId('sip-row').filter({ hasText: 'Utkast' }).first();
  await expect(draft).toContainText('Ofullständig');
  await draft.getByRole('link').click();
  await expect(page.getByTestId('sip-state')).toHaveText('Utkast');
  await expect(page.getByTestId('check-interventions')).toHaveAttribute('data-met', 'false');
  await expect(page.getByTestId('check-overallResponsible')).toHaveAttribute('data-met', 'false');

  // The page warns, the server decides and names every missing item (HSL 16 kap. 4 §).
  await page.getByRole('button', { name: 'Fastställ planen' }).click();
  await expect(page.getByTestId('activate-warning')).toBeVisible();
  await page.getByRole('button', { name: 'Bekräfta: Fastställ planen' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Händelsen kunde inte registreras' });
  await expect(refusal).toContainText('vilka insatser som behövs');
  await expect(refusal).toContainText('övergripande ansvaret');
  await expect(page.getByTestId('sip-state')).toHaveText('Utkast');

  // The invited meeting: a participating unit's reply, then what the meeting decided.
  const meeting = page.getByTestId('meetings').getByRole('listitem').first();
  await expect(meeting).toContainText('Kallat');
  // A unit answers for itself (chosen first), and records the answers of the person and others.
  await expect(meeting.getByLabel('Deltagare')).toHaveValue(/.+/);
  await meeting.getByLabel('Svar').selectOption({ label: 'Kommer' });
  await meeting.getByRole('button', { name: 'Registrera svar' }).click();
  await expect(meeting).toContainText('Socialförvaltningen Kramfors: Kommer');
  await meeting.getByLabel('Deltagare').selectOption({ label: 'Anna (demo)' });
  await meeting.getByLabel('Svar').selectOption({ label: 'Kanske' });
  await meeting.getByRole('button', { name: 'Registrera svar' }).click();
  await expect(meeting).toContainText('Anna (demo): Kanske');
  await meeting.getByLabel('Mötets resultat').fill('Hemtjänst och hemsjukvård planeras; läkarbedömning på hälsocentralen.');
  await meeting.getByRole('button', { name: 'Registrera resultat' }).click();
  await expect(page.getByTestId('meetings')).toContainText('Resultat: Hemtjänst och hemsjukvård planeras');

  await page.getByLabel('Plats').fill('Hälsocentral Kramfors, rum 4');
  await page.getByRole('button', { name: 'Skicka kallelse' }).click();
  await expect(page.getByText('Kallelsen är skickad till deltagarna.')).toBeVisible();
  await expect(page.getByTestId('meetings')).toContainText('Hälsocentral Kramfors, rum 4');
  await page.getByText('Versionshistorik').click();
  await expect(page.getByTestId('sip-history')).toContainText('Mötets resultat');
  await checkPage(page, 'sip-draft-meetings');
});
