/* Unit tests: sha256.c against FIPS 180-4 / NIST vectors and sha256sum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/sha256.h"

static void check(const char *msg, size_t len, const char *want)
{
	char hex[65];
	sha256_hex(msg, len, hex);
	assert_string_equal(hex, want);
}

static void test_empty(void **state)
{
	(void)state;
	check("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_abc(void **state)
{
	(void)state;
	check("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_two_blocks(void **state)
{
	(void)state;
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	check(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_896_bits(void **state)
{
	(void)state;
	const char *m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnop"
			"jklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	check(m, strlen(m), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_million_a(void **state)
{
	(void)state;
	char *m = malloc(1000000);
	assert_non_null(m);
	memset(m, 'a', 1000000);
	check(m, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(m);
}

/* Lengths around the padding boundaries (message "abc...z" repeated);
 * expected digests from sha256sum. */
static void test_padding_boundaries(void **state)
{
	(void)state;
	static const struct {
		size_t n;
		const char *hex;
	} v[] = {
		{55, "595615dbe4f0f407ae397d08b4c2cb870cb9b0e11937416f950c5160acf9c005"},
		{56, "784f623b787495078e93ff28a25b581df0584055a7e71d8cd90c454716b92f51"},
		{63, "5ca3e1ef5207490eac01a795e5cc94d59582a5118bf9534665c8668d87aa647c"},
		{64, "2fcd5a0d60e4c941381fcc4e00a4bf8be422c3ddfafb93c809e8d1e2bfffae8e"},
		{65, "1b3cd1877ab2f2f19f7be001722554f336cb799df0329de0bb4c118dc6abc06d"},
		{119, "faef67da856d6fd9c8d12f9ed0a4fefd3cf0ce085ab43e2907418d457e3c354b"},
		{120, "c9512b08619c19fbb503c7da6b46ef20301e5f7a7a5f43989182398536f5c5c8"},
		{127, "1b9907986f18ddc2b37e18be502d82d69d6e18bb9dff9e16f2aceea7d88cb933"},
		{128, "6c05be2c4268843ae47e68e611277ce62c02153f2f4d2e1e2a1a4b44f766cf74"},
	};
	char m[128];
	for (size_t i = 0; i < sizeof m; i++)
		m[i] = (char)('a' + i % 26);
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		check(m, v[i].n, v[i].hex);
}

static void test_streaming_equals_one_shot(void **state)
{
	(void)state;
	char m[300];
	for (size_t i = 0; i < sizeof m; i++)
		m[i] = (char)(i * 7 + 3);
	uint8_t one[32], parts[32];
	sha256(m, sizeof m, one);
	for (size_t step = 1; step < 80; step += 13) {
		sha256_ctx c;
		sha256_init(&c);
		for (size_t off = 0; off < sizeof m; off += step)
			sha256_update(&c, m + off, off + step <= sizeof m ? step : sizeof m - off);
		sha256_final(&c, parts);
		assert_memory_equal(one, parts, 32);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_abc),
		cmocka_unit_test(test_two_blocks),
		cmocka_unit_test(test_896_bits),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_padding_boundaries),
		cmocka_unit_test(test_streaming_equals_one_shot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
