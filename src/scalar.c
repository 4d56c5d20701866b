/* scalar.c - go-yaml's scalar resolution and Go's number formatting.
 *
 * kustomize's output is a chain of Go conversions (yaml.v3 decode, JSON
 * encode, go-yaml v2 decode and encode); matching its bytes means matching
 * strconv.ParseInt, ParseFloat, FormatFloat and go-yaml's resolve tables.
 * Resolution runs on every plain scalar of every input, so it dispatches on
 * the first byte and the length and copies nothing for ordinary text.
 */
#include "strata/scalar.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* go-yaml lists each word in three spellings: lower, Title and UPPER. */
static inline bool is3(const char *s, size_t len, size_t n, const char *a, const char *b,
		       const char *c)
{
	return len == n && (!memcmp(s, a, n) || !memcmp(s, b, n) || !memcmp(s, c, n));
}

/* 1 for true, 0 for false, -1 for neither: the YAML 1.2 booleans. */
static int bool12(const char *s, size_t len)
{
	if (is3(s, len, 4, "true", "True", "TRUE"))
		return 1;
	return is3(s, len, 5, "false", "False", "FALSE") ? 0 : -1;
}

/* The same for the YAML 1.1 extras that only go-yaml v2 reads as booleans. */
static int bool11(const char *s, size_t len)
{
	switch (len) {
	case 1:
		if (s[0] == 'y' || s[0] == 'Y')
			return 1;
		return (s[0] == 'n' || s[0] == 'N') ? 0 : -1;
	case 2:
		if (is3(s, len, 2, "on", "On", "ON"))
			return 1;
		return is3(s, len, 2, "no", "No", "NO") ? 0 : -1;
	case 3:
		if (is3(s, len, 3, "yes", "Yes", "YES"))
			return 1;
		return is3(s, len, 3, "off", "Off", "OFF") ? 0 : -1;
	default:
		return -1;
	}
}

/* .inf .nan +.inf -.inf (no signed .nan in go-yaml's table). */
static bool special_float(const char *s, size_t len)
{
	if (len == 4)
		return is3(s, len, 4, ".inf", ".Inf", ".INF") ||
		       is3(s, len, 4, ".nan", ".NaN", ".NAN");
	if (len == 5 && (s[0] == '+' || s[0] == '-'))
		return is3(s + 1, 4, 4, ".inf", ".Inf", ".INF");
	return false;
}

/* strconv.ParseUint(s, 0, 64) without underscores. */
static bool go_parse_uint0(const char *s, size_t len, uint64_t *out)
{
	if (len == 0)
		return false;
	unsigned base = 10;
	if (s[0] == '0') {
		char c = len >= 3 ? (char)tolower((unsigned char)s[1]) : 0;
		if (c == 'b' || c == 'o' || c == 'x') {
			base = c == 'b' ? 2 : c == 'o' ? 8 : 16;
			s += 2, len -= 2;
		} else {
			base = 8;
			s += 1, len -= 1;
		}
	}
	uint64_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'z')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'Z')
			d = c - 'A' + 10;
		else
			return false;
		if (d >= base)
			return false;
		if (n > (UINT64_MAX - d) / base)
			return false;
		n = n * base + d;
	}
	*out = n;
	return true;
}

/* strconv.ParseInt(s, 0, 64) or, failing that, ParseUint: the decimal text
 * of the value, or false.  Underscores must already be removed. */
static bool go_int_text(const char *s, size_t len, char out[32])
{
	uint64_t u;
	bool neg = false;
	const char *d = s;
	size_t dl = len;
	if (dl && (d[0] == '+' || d[0] == '-')) {
		neg = d[0] == '-';
		d++, dl--;
	}
	if (go_parse_uint0(d, dl, &u)) {
		if (!neg && u <= (uint64_t)INT64_MAX) {
			snprintf(out, 32, "%" PRIu64, u);
			return true;
		}
		if (neg && u <= (uint64_t)INT64_MAX + 1) {
			if (u == 0)
				snprintf(out, 32, "0");
			else
				snprintf(out, 32, "-%" PRIu64, u);
			return true;
		}
	}
	/* ParseUint accepts no sign at all. */
	if (len && s[0] != '+' && s[0] != '-' && go_parse_uint0(s, len, &u)) {
		snprintf(out, 32, "%" PRIu64, u);
		return true;
	}
	return false;
}

/* Whether strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64) accepts s
 * (underscores already removed). */
static bool go_int_ok(const char *s, size_t len)
{
	uint64_t u;
	if (len && (s[0] == '+' || s[0] == '-')) {
		if (!go_parse_uint0(s + 1, len - 1, &u))
			return false;
		return s[0] == '-' ? u <= (uint64_t)INT64_MAX + 1 : u <= (uint64_t)INT64_MAX;
	}
	return go_parse_uint0(s, len, &u);
}

/* strconv.ParseFloat fails with ErrRange only on overflow.  s matched
 * go-yaml's float pattern; its magnitude is below 10^mag. */
static bool float_in_range(const char *s, size_t len, long mag)
{
	if (mag <= 308)
		return true;
	if (mag > 309)
		return false;
	char small[64], *p = len < sizeof small ? small : malloc(len + 1);
	if (!p)
		abort();
	memcpy(p, s, len);
	p[len] = 0;
	bool ok = !isinf(strtod(p, NULL));
	if (p != small)
		free(p);
	return ok;
}

/* ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ that strconv.ParseFloat
 * also accepts: go-yaml v2 and v3 leave 1e400 a string. */
static bool go_float_ok(const char *s, size_t len)
{
	size_t i = 0;
	long mag = 0; /* decimal exponent just above the first significant digit */
	bool sig = false;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	size_t start = i;
	while (i < len && s[i] >= '0' && s[i] <= '9') {
		sig |= s[i] != '0';
		mag += sig;
		i++;
	}
	size_t nint = i - start;
	if (i < len && s[i] == '.') {
		i++;
		size_t fs = i;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			if (!sig && s[i] == '0')
				mag--;
			sig |= s[i] != '0';
			i++;
		}
		if (nint == 0 && i == fs)
			return false;
	} else if (nint == 0) {
		return false;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		bool neg = false;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			neg = s[i++] == '-';
		size_t es = i;
		long e = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			if (e < 100000000)
				e = e * 10 + (s[i] - '0');
			i++;
		}
		if (i == es)
			return false;
		mag += neg ? -e : e;
	}
	return i == len && (!sig || float_in_range(s, len, mag));
}

/* strconv.ParseFloat for text starting with '.': go-yaml passes it
 * unchanged (underscores included, which ParseFloat rejects). */
static bool dot_float(const char *s, size_t len)
{
	return len > 1 && go_float_ok(s, len);
}

/* s without underscores, as go-yaml hands numbers to strconv.  Real numbers
 * fit the caller's small buffer; *heap is set (to free) otherwise. */
static const char *strip_underscores(const char *s, size_t len, char *small, size_t smallsz,
				     char **heap, size_t *outlen)
{
	*heap = NULL;
	char *p = small;
	if (len >= smallsz) {
		p = *heap = malloc(len + 1);
		if (!p)
			abort();
	}
	size_t j = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != '_')
			p[j++] = s[i];
	p[j] = 0;
	*outlen = j;
	return p;
}

struct ts {
	int year, mon, day, hour, min, sec;
	long nsec;
	int has_time;
	int off_min; /* offset east of UTC, minutes */
};

static int get_num(const char *s, size_t len, size_t *i, int mindig, int maxdig, int *out)
{
	int n = 0, k = 0;
	while (*i < len && k < maxdig && isdigit((unsigned char)s[*i])) {
		n = n * 10 + (s[*i] - '0');
		(*i)++, k++;
	}
	if (k < mindig)
		return -1;
	*out = n;
	return 0;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* go-yaml's parseTimestamp: time.Parse with its four layouts. */
static bool parse_ts(const char *s, size_t len, struct ts *t)
{
	memset(t, 0, sizeof *t);
	size_t i = 0;
	int k = 0;
	while (k < (int)len && isdigit((unsigned char)s[k]))
		k++;
	if (k != 4 || (size_t)k == len || s[k] != '-')
		return false;
	if (get_num(s, len, &i, 4, 4, &t->year) || i >= len || s[i++] != '-')
		return false;
	if (get_num(s, len, &i, 1, 2, &t->mon) || i >= len || s[i++] != '-')
		return false;
	if (get_num(s, len, &i, 1, 2, &t->day))
		return false;
	if (t->mon < 1 || t->mon > 12)
		return false;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int md = mdays[t->mon - 1] + (t->mon == 2 && leap(t->year));
	if (t->day < 1 || t->day > md)
		return false;
	if (i == len)
		return true;
	char sep = s[i++];
	if (sep != 'T' && sep != 't' && sep != ' ')
		return false;
	t->has_time = 1;
	if (get_num(s, len, &i, 1, 2, &t->hour) || i >= len || s[i++] != ':')
		return false;
	if (get_num(s, len, &i, 1, 2, &t->min) || i >= len || s[i++] != ':')
		return false;
	if (get_num(s, len, &i, 1, 2, &t->sec))
		return false;
	if (t->hour > 23 || t->min > 59 || t->sec > 59)
		return false;
	if (i < len && s[i] == '.') {
		i++;
		int nd = 0;
		long ns = 0;
		while (i < len && isdigit((unsigned char)s[i])) {
			if (nd < 9)
				ns = ns * 10 + (s[i] - '0');
			nd++, i++;
		}
		if (nd == 0)
			return false;
		for (int z = nd; z < 9; z++)
			ns *= 10;
		t->nsec = ns;
	}
	if (i == len)
		return sep != ' ' ? false : true;
	if (sep == ' ')
		return false;
	if (s[i] == 'Z') {
		return i + 1 == len;
	}
	if (s[i] != '+' && s[i] != '-')
		return false;
	int sign = s[i++] == '-' ? -1 : 1, oh, om;
	if (get_num(s, len, &i, 2, 2, &oh) || i >= len || s[i++] != ':' ||
	    get_num(s, len, &i, 2, 2, &om) || i != len)
		return false;
	t->off_min = sign * (oh * 60 + om);
	return true;
}

/* Timestamp, int or float for text starting with a digit or sign. */
static scalar_type resolve_number(const char *s, size_t len)
{
	struct ts t;
	if (len >= 8 && s[4] == '-' && parse_ts(s, len, &t))
		return SCALAR_TIMESTAMP;
	const char *p = s;
	size_t pl = len;
	char small[64], *heap = NULL;
	if (memchr(s, '_', len))
		p = strip_underscores(s, len, small, sizeof small, &heap, &pl);
	scalar_type r = go_int_ok(p, pl) ? SCALAR_INT : go_float_ok(p, pl) ? SCALAR_FLOAT
									 : SCALAR_STR;
	free(heap);
	return r;
}

static scalar_type resolve(const char *s, size_t len, bool v2)
{
	if (len == 0)
		return SCALAR_NULL;
	switch (s[0]) {
	case 't': case 'T': case 'f': case 'F':
		return bool12(s, len) >= 0 ? SCALAR_BOOL : SCALAR_STR;
	case 'n': case 'N':
		if (is3(s, len, 4, "null", "Null", "NULL"))
			return SCALAR_NULL;
		return v2 && bool11(s, len) >= 0 ? SCALAR_BOOL : SCALAR_STR;
	case 'y': case 'Y': case 'o': case 'O':
		return v2 && bool11(s, len) >= 0 ? SCALAR_BOOL : SCALAR_STR;
	case '~':
		return len == 1 ? SCALAR_NULL : SCALAR_STR;
	case '.':
		return special_float(s, len) || dot_float(s, len) ? SCALAR_FLOAT : SCALAR_STR;
	case '+': case '-':
		if (special_float(s, len))
			return SCALAR_FLOAT;
		return resolve_number(s, len);
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return resolve_number(s, len);
	default:
		return SCALAR_STR;
	}
}

scalar_type scalar_resolve_v3(const char *s, size_t len)
{
	return resolve(s, len, false);
}

scalar_type scalar_resolve_v2(const char *s, size_t len)
{
	return resolve(s, len, true);
}

bool scalar_is_bool11(const char *s, size_t len)
{
	return len <= 3 && bool11(s, len) >= 0;
}

bool scalar_bool_value(const char *s, size_t len)
{
	return bool12(s, len) == 1 || bool11(s, len) == 1;
}

/* ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ */
bool scalar_is_base60_float(const char *s, size_t len)
{
	if (!memchr(s, ':', len))
		return false;
	size_t i = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i >= len || !isdigit((unsigned char)s[i]))
		return false;
	i++;
	while (i < len && (isdigit((unsigned char)s[i]) || s[i] == '_'))
		i++;
	int groups = 0;
	while (i < len && s[i] == ':') {
		i++;
		size_t ds = i;
		while (i < len && isdigit((unsigned char)s[i]) && i - ds < 2)
			i++;
		size_t n = i - ds;
		if (n == 0)
			return false;
		if (n == 2 && s[ds] > '5')
			return false;
		groups++;
	}
	if (!groups)
		return false;
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && (isdigit((unsigned char)s[i]) || s[i] == '_'))
			i++;
	}
	return i == len;
}

/* Shortest decimal digits that read back as v (v finite, > 0). */
static void shortest_digits(double v, char digs[32], int *nd, int *dp)
{
	char tmp[40];
	for (int p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof tmp, "%.*e", p - 1, v);
		if (strtod(tmp, NULL) == v || p == 17)
			break;
	}
	/* tmp = d[.ddd]e[+-]XX */
	int n = 0;
	char *q = tmp;
	for (; *q && *q != 'e'; q++)
		if (isdigit((unsigned char)*q))
			digs[n++] = *q;
	int exp = atoi(q + 1);
	while (n > 1 && digs[n - 1] == '0')
		n--;
	digs[n] = 0;
	*nd = n;
	*dp = exp + 1;
}

static void fmt_e(buf *out, const char *digs, int nd, int dp)
{
	buf_addc(out, digs[0]);
	if (nd > 1) {
		buf_addc(out, '.');
		buf_add(out, digs + 1, (size_t)nd - 1);
	}
	int exp = dp - 1;
	buf_addc(out, 'e');
	buf_addc(out, exp < 0 ? '-' : '+');
	if (exp < 0)
		exp = -exp;
	if (exp < 10)
		buf_printf(out, "0%d", exp);
	else
		buf_printf(out, "%d", exp);
}

static void fmt_f(buf *out, const char *digs, int nd, int dp)
{
	if (dp > 0) {
		for (int i = 0; i < dp; i++)
			buf_addc(out, i < nd ? digs[i] : '0');
	} else {
		buf_addc(out, '0');
	}
	int prec = nd - dp > 0 ? nd - dp : 0;
	if (prec > 0) {
		buf_addc(out, '.');
		for (int i = 0; i < prec; i++) {
			int j = dp + i;
			buf_addc(out, j >= 0 && j < nd ? digs[j] : '0');
		}
	}
}

void scalar_format_go_float(buf *out, double v, char fmt)
{
	if (signbit(v)) {
		buf_addc(out, '-');
		v = -v;
	}
	if (v == 0) {
		buf_adds(out, fmt == 'e' ? "0e+00" : "0");
		return;
	}
	/* Ports, replicas, counts: whole numbers below 10^6 print as
	 * integers in both formats, without the digit search. */
	if (fmt != 'e' && v < 1e6 && v == (double)(long)v) {
		char d[8];
		int n = 0;
		for (long x = (long)v; x; x /= 10)
			d[n++] = (char)('0' + x % 10);
		while (n)
			buf_addc(out, d[--n]);
		return;
	}
	char digs[32];
	int nd, dp;
	shortest_digits(v, digs, &nd, &dp);
	if (fmt == 'g') {
		/* Shortest 'g' decides with precision 6, as Go does. */
		int exp = dp - 1;
		fmt = (exp < -4 || exp >= 6) ? 'e' : 'f';
	}
	if (fmt == 'e')
		fmt_e(out, digs, nd, dp);
	else
		fmt_f(out, digs, nd, dp);
}

int scalar_json_float(buf *out, double v)
{
	if (isnan(v) || isinf(v))
		return -1;
	double a = fabs(v);
	char fmt = (a != 0 && (a < 1e-6 || a >= 1e21)) ? 'e' : 'f';
	size_t start = out->len;
	scalar_format_go_float(out, v, fmt);
	size_t n = out->len - start;
	char *p = out->p + start;
	/* encoding/json drops the exponent's leading zero: e-07 -> e-7. */
	if (fmt == 'e' && n >= 4 && p[n - 4] == 'e' && p[n - 3] == '-' && p[n - 2] == '0') {
		p[n - 2] = p[n - 1];
		out->len--;
		out->p[out->len] = 0;
	}
	return 0;
}

int scalar_double_text(buf *out, double v)
{
	if (isnan(v) || isinf(v))
		return -1;
	buf js = BUF_INIT;
	scalar_json_float(&js, v);
	/* ... then go-yaml v2 reads that text back as an int if it can. */
	char tmp[32];
	if (go_int_text(js.p, js.len, tmp))
		buf_adds(out, tmp);
	else
		scalar_format_go_float(out, strtod(js.p, NULL), 'g');
	buf_free(&js);
	return 0;
}

int scalar_number_text(buf *out, const char *s, size_t len)
{
	if (special_float(s, len))
		return -1;
	size_t pl;
	char small[64], *heap;
	const char *plain = strip_underscores(s, len, small, sizeof small, &heap, &pl);
	char tmp[32];
	int rc = 0;
	if (go_int_text(plain, pl, tmp))
		buf_adds(out, tmp);
	else
		rc = scalar_double_text(out, strtod(plain, NULL));
	free(heap);
	return rc;
}

int scalar_timestamp_rfc3339(buf *out, const char *s, size_t len)
{
	struct ts t;
	if (!parse_ts(s, len, &t))
		return -1;
	buf_printf(out, "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.mon, t.day, t.hour, t.min,
		   t.sec);
	if (t.nsec) {
		char frac[16];
		snprintf(frac, sizeof frac, "%09ld", t.nsec);
		int n = 9;
		while (n > 0 && frac[n - 1] == '0')
			n--;
		buf_addc(out, '.');
		buf_add(out, frac, (size_t)n);
	}
	if (t.off_min == 0) {
		buf_addc(out, 'Z');
	} else {
		int m = t.off_min < 0 ? -t.off_min : t.off_min;
		buf_printf(out, "%c%02d:%02d", t.off_min < 0 ? '-' : '+', m / 60, m % 60);
	}
	return 0;
}
