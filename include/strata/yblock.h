/* yblock.h - libyaml's parser events for block-style YAML, read in one pass.
 *
 * Nearly every manifest uses a small part of YAML: block maps and lists
 * indented with spaces, one-line plain and quoted scalars, literal blocks,
 * flow maps and lists written on one line.  yblock_parse reads that part
 * and hands libyaml's events for it to a sink, at a fraction of libyaml's
 * cost.  It never reports a problem: text outside the subset, and any text
 * libyaml might reject, makes it decline, and the caller reads the text
 * with libyaml instead (events already sent are then to be dropped).
 *
 * What it reads it reads exactly as libyaml 0.2.5 does: the same events in
 * the same order, with the same values, styles, implicit flags and start
 * marks (end marks are not kept).
 */
#ifndef STRATA_YBLOCK_H
#define STRATA_YBLOCK_H

#include <stddef.h>
#include <yaml.h>

/* Returned when the text is left to libyaml. */
#define YBLOCK_DECLINED 1

/* Gets each event; a nonzero return stops the parse and is returned.
 * The event and its text are only valid during the call. */
typedef int (*yblock_sink)(void *ctx, const yaml_event_t *ev);

/* Reads s[0..len) as the first document of a stream, the way one pass of
 * libyaml's yaml_parser_parse up to that document's end event would: it
 * sends DOCUMENT_START, the nodes and DOCUMENT_END, or nothing when the
 * text holds only blank lines and comments (stream events are not sent).
 * Returns 0, YBLOCK_DECLINED, or what the sink returned. */
int yblock_parse(const char *s, size_t len, yblock_sink sink, void *ctx);

#endif
