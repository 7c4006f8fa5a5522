/**
 * The web console's static assets at {@code /console}: HTML, CSS and ES modules from the classpath
 * with their content types, a strict Content-Security-Policy and {@code index.html} for client-side
 * routes. It owns no data and no authentication; every page talks to {@code /admin} and {@code /user}.
 */
package gproxy.console;
