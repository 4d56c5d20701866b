# strata - see README.md.  `make demo` and `make test` are the two set-up commands.

CC      ?= cc
PKGS    := yaml-0.1 jansson libfyaml libgit2
PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wno-missing-field-initializers
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) -Iinclude $(PKG_CFLAGS) $(CFLAGS) $(XCFLAGS)
LDLIBS  = $(PKG_LIBS) -lm

BUILD   ?= build
SRCS    := $(wildcard src/*.c)
OBJS    := $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS := $(filter-out $(BUILD)/main.o,$(OBJS))
TESTS   := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
BIN     ?= strata

.PHONY: all deps bin tests test unit asan demo clean bench

# Every entry point installs missing packages first, then builds in a
# sub-make so pkg-config sees them.
all: deps
	@$(MAKE) --no-print-directory bin

bin: $(BIN)

deps:
	@scripts/ensure-deps

$(BIN): $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS) $(XLDFLAGS)

$(BUILD)/%.o: src/%.c $(wildcard include/strata/*.h) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(LIBOBJS) $(wildcard include/strata/*.h) | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS) $(CMOCKA_LIBS) $(XLDFLAGS)

$(BUILD):
	@mkdir -p $(BUILD)

# Unit tests, golden builds against committed kubectl output, then the
# conformance corpus against the recorded floor.
test: deps
	@$(MAKE) --no-print-directory bin tests
	@scripts/run-tests $(BUILD)/tests ./$(BIN)

unit: deps
	@$(MAKE) --no-print-directory bin tests
	@scripts/run-tests --unit-only $(BUILD)/tests ./$(BIN)

tests: $(TESTS)

# The same tests with AddressSanitizer and UndefinedBehaviorSanitizer.
asan: deps
	$(MAKE) BUILD=build-asan BIN=strata-asan \
		CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
		XLDFLAGS="-fsanitize=address,undefined" bin tests
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		scripts/run-tests build-asan/tests ./strata-asan

demo: all
	@scripts/demo ./$(BIN)

# strata against kubectl kustomize and the libyaml floor on generated
# repositories (scripts/gen-bench-repo); options in BENCH_ARGS, e.g.
# make bench BENCH_ARGS="-r 1 --sizes 100,300".
bench: deps
	@$(MAKE) --no-print-directory bin $(BUILD)/yaml-floor
	@scripts/bench --floor $(BUILD)/yaml-floor $(BENCH_ARGS) ./$(BIN)

$(BUILD)/yaml-floor: scripts/yaml-floor.c | $(BUILD)
	$(CC) -std=c17 -D_GNU_SOURCE $(WARN) -O2 -g -o $@ $< -lyaml

clean:
	rm -rf build build-asan strata strata-asan
