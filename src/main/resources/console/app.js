// The console shell: session check, login, navigation by history paths under /console.
import { api } from './api.js';
import { h, errorBox } from './ui.js';
import { adminPages } from './admin.js';
import { portalPages } from './portal.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const logout = document.getElementById('logout');
let me = null;

function pages() { return me.is_admin ? adminPages : portalPages; }
function prefix() { return me.is_admin ? '/console/admin/' : '/console/user/'; }

function login(message) {
  nav.replaceChildren();
  logout.hidden = true;
  const status = h('p', { role: 'alert', class: 'error' }, message || '');
  const user = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const f = h('form', { id: 'login-form' },
    h('label', { for: 'login-username' }, 'Username', user), h('label', { for: 'login-password' }, 'Password', pass),
    h('button', { type: 'submit' }, 'Log in'), status);
  f.addEventListener('submit', async ev => {
    ev.preventDefault();
    status.textContent = '';
    try {
      await api('/admin/login', { method: 'POST', body: { username: user.value, password: pass.value } });
      await start();
    } catch (e) {
      status.textContent = e.status === 401 ? 'Wrong username or password.' : e.message;
    }
  });
  main.replaceChildren(h('section', { class: 'card login' }, h('h1', {}, 'Log in to GPROXY'), f));
  user.focus();
}

async function show() {
  const list = pages();
  const slug = location.pathname.startsWith(prefix()) ? location.pathname.slice(prefix().length) : '';
  const page = list.find(p => p[0] === slug) || list[0];
  if (location.pathname !== prefix() + page[0]) history.replaceState(null, '', prefix() + page[0]);
  nav.replaceChildren(...list.map(([s, title]) => h('a', { href: prefix() + s, 'aria-current': s === page[0] ? 'page' : null, 'data-page': s }, title)));
  main.replaceChildren();
  main.dataset.page = page[0];
  try {
    await page[2](main);
  } catch (e) {
    if (e.status === 401) return login('Your session ended; log in again.');
    main.append(errorBox(e));
  }
}

async function start() {
  try {
    // /user/me answers every logged-in user (is_admin included); /admin/me is 403 for portal users
    me = await api('/user/me');
  } catch (e) {
    if (e.status === 401) return login();
    main.replaceChildren(errorBox(e));
    return;
  }
  logout.hidden = false;
  await show();
}

nav.addEventListener('click', ev => {
  const a = ev.target.closest('a');
  if (!a || ev.ctrlKey || ev.metaKey) return;
  ev.preventDefault();
  history.pushState(null, '', a.getAttribute('href'));
  show();
});
window.addEventListener('popstate', () => me && show());
logout.addEventListener('click', async () => {
  try { await api('/admin/logout', { method: 'POST' }); } catch { /* the session is gone either way */ }
  me = null;
  history.replaceState(null, '', '/console/');
  login();
});
start();
