// The intranet's sign-in page: every seeded person, grouped as the local mode's switch groups them, each
// a button of one form that POSTs their id. A real intranet asks for a password or goes through SSO
// here; the demo lets a visitor be anyone. Plain HTML with no script (the CSP allows none inline), and
// every name escaped: data never becomes markup.
import type { Directory, Person } from '@kaohe/workflow';
import { roleLabels } from '../src/seed.ts';

const escape = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The groups in the order the page lists them: reviewers first, then the sales force, then service. */
const ORDER = ['reviewer', 'regionalManager', 'salesperson', 'assessor', 'fieldServiceRepresentative', 'afterSalesCustomerService'];

function groupOf(person: Person): string {
  return person.roles.find((role) => roleLabels[role]) ?? (person.roles.includes('assessor') ? 'assessor' : 'reviewer');
}

export function signInPage(directory: Directory, signedIn?: string): string {
  const groups = ORDER.map((group) => {
    const people = directory.people.filter((person) => groupOf(person) === group);
    if (people.length === 0) return '';
    const label = roleLabels[group];
    const buttons = people.map((person) => {
      const where = person.region ?? person.department ?? '';
      const current = person.id === signedIn ? ' aria-current="true"' : '';
      return `<li><button type="submit" name="person" value="${escape(person.id)}"${current}>${escape(person.name)}${where ? `（${escape(where)}）` : ''} <span class="muted">${escape(person.number ?? '')}</span></button></li>`;
    }).join('\n');
    return `<section><h2>${escape(label?.['zh-Hant'] ?? group)} <span class="muted small" lang="en">${escape(label?.en ?? '')}</span></h2><ul class="people">\n${buttons}\n</ul></section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="zh-Hant">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>登入 — 某某汽車銷售公司 內網</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/styles.css">
</head>
<body>
  <header class="topbar">
    <div class="brand"><span class="logo" aria-hidden="true">某</span><span class="company">某某汽車銷售公司 內網</span></div>
  </header>
  <main id="content" class="signin-page">
    <h1>登入 <span class="muted small" lang="en">Sign in</span></h1>
    <p class="lead">示範用：選擇一位員工即以其身分登入。每個瀏覽器視窗（不同的瀏覽器設定檔）可登入不同的人，同時處理同一個月的考核。
      <span lang="en">Demo: pick anyone to sign in as them. Separate browser profiles can sign in as different people and work on the same month.</span></p>
    <p><a href="/?mode=local">不用伺服器試用（只在本瀏覽器內） <span lang="en">Try without a server (this browser only)</span></a></p>
    <form method="post" action="/signin">
${groups}
    </form>
  </main>
</body>
</html>
`;
}
