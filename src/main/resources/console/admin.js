// The administrator's pages, in navigation order: [slug, title, render(main)]. Each page lives in its own module.
import { usagePage } from './usage.js';
import { overviewPage } from './overview.js';
import { providersPage } from './providers.js';
import { routesPage } from './routes.js';
import { orgsPage, usersPage, quotasPage } from './people.js';
import { logsPage, auditPage } from './logs.js';
import { ruleSetsPage } from './rules.js';
import { pricesPage } from './prices.js';
import { settingsPage } from './settings.js';

export const adminPages = [
  ['overview', 'Overview', overviewPage], ['providers', 'Providers', providersPage], ['routes', 'Routes', routesPage],
  ['orgs', 'Orgs', orgsPage], ['users', 'Users', usersPage], ['quotas', 'Limits', quotasPage],
  ['usage', 'Usage', main => usagePage(main, '/admin')], ['logs', 'Request logs', logsPage],
  ['rule-sets', 'Rule sets', ruleSetsPage], ['prices', 'Price rules', pricesPage],
  ['audit', 'Audit log', auditPage], ['settings', 'Settings', settingsPage],
];
