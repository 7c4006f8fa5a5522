/**
 * Model list and get answers in each vendor family's shape (OpenAI, Claude, Gemini), for lists the
 * gateway answers from its catalogue and for upstream lists converted by a {@code transform_to} rule.
 * Does not decide which models a caller may see: the catalogue and permissions do.
 */
package gproxy.translate.models;
