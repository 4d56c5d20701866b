/* base64.c - see base64.h. */
#include "strata/base64.h"

#include <stdint.h>

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t base64_encoded_len(size_t n)
{
	return (n + 2) / 3 * 4;
}

void base64_encode(buf *out, const void *data, size_t len)
{
	const uint8_t *p = data;
	char q[4];
	for (; len >= 3; p += 3, len -= 3) {
		uint32_t v = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
		q[0] = alphabet[v >> 18];
		q[1] = alphabet[(v >> 12) & 63];
		q[2] = alphabet[(v >> 6) & 63];
		q[3] = alphabet[v & 63];
		buf_add(out, q, 4);
	}
	if (len) {
		uint32_t v = (uint32_t)p[0] << 16 | (len > 1 ? (uint32_t)p[1] << 8 : 0);
		q[0] = alphabet[v >> 18];
		q[1] = alphabet[(v >> 12) & 63];
		q[2] = len > 1 ? alphabet[(v >> 6) & 63] : '=';
		q[3] = '=';
		buf_add(out, q, 4);
	}
	if (!out->p)
		buf_add(out, "", 0);
}

void base64_encode_lines(buf *out, const void *data, size_t len, size_t width)
{
	size_t n = base64_encoded_len(len);
	if (!width || n < width) {
		base64_encode(out, data, len);
		return;
	}
	buf tmp = BUF_INIT;
	base64_encode(&tmp, data, len);
	for (size_t i = 0; i < n; i += width) {
		size_t take = n - i < width ? n - i : width;
		buf_add(out, tmp.p + i, take);
		buf_addc(out, '\n');
	}
	buf_free(&tmp);
}

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int base64_decode(buf *out, const char *text, size_t len)
{
	unsigned quad[4];
	size_t q = 0, pad = 0, i = 0;
	for (; i < len; i++) {
		char c = text[i];
		if (c == '\r' || c == '\n')
			continue;
		if (c == '=') {
			if (q < 2)
				return -1;
			pad++;
			quad[q++] = 0;
		} else {
			int v = b64_value(c);
			if (v < 0 || pad)
				return -1;
			quad[q++] = (unsigned)v;
		}
		if (q == 4) {
			unsigned char bytes[3] = {(unsigned char)(quad[0] << 2 | quad[1] >> 4),
						  (unsigned char)(quad[1] << 4 | quad[2] >> 2),
						  (unsigned char)(quad[2] << 6 | quad[3])};
			buf_add(out, bytes, 3 - pad);
			q = 0;
			if (pad) {
				i++;
				break;
			}
		}
	}
	/* Nothing but line breaks may follow the padding. */
	for (; i < len; i++)
		if (text[i] != '\r' && text[i] != '\n')
			return -1;
	if (!out->p)
		buf_add(out, "", 0);
	return q ? -1 : 0;
}
