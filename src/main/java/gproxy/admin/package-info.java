/**
 * The admin API under {@code /admin}: session and API-key authentication of administrators, CSRF
 * checks for cookie callers, CRUD over the control-plane tables with validation beyond column
 * types, sealing of credential secrets and user keys, an audit row for every mutation, and a
 * snapshot reload after every committed write. Also home of first-start bootstrap, the JSON
 * bundle import/export, the seeding and reset of a provider's default routing rules, and the
 * persistence of health edges into the credential status tables ({@link gproxy.admin.HealthRecorder},
 * soft state that bumps no revision) with their views and the operator reset, and the reads and
 * purges of the request logs and the audit log ({@link gproxy.admin.LogFilters}: one filter and paging
 * grammar, 400 naming a bad parameter). The read side of billing ({@link gproxy.admin.UsageResource}:
 * usage rows, totals, rollups, the purge) and the user portal under {@code /user}
 * ({@link gproxy.admin.PortalService}: session cookie only, the caller's own data and keys, the
 * password change) live here too, sharing the sessions, CSRF check and audit.
 *
 * <p>Does not serve the data plane, render the console, or decide what a channel's secret means;
 * it never returns a stored secret except through the audited reveal route, and never puts one in
 * an error (the live upstream model pull reports the upstream's status, not its text).
 */
package gproxy.admin;
