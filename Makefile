# strata - see README.md.  `make demo` and `make test` are the two set-up commands.

CC      ?= cc
PKGS    := yaml-0.1 jansson libfyaml libgit2
PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libgit2 is not linked: src/gitlib.c loads it when a command first needs
# it, by the soname of the library these headers belong to.
PKG_LIBS    = $(filter-out -lgit2,$(shell pkg-config --libs $(PKGS) 2>/dev/null))
GIT2_SONAME := $(shell objdump -p "$$(pkg-config --variable=libdir libgit2 2>/dev/null)/libgit2.so" \
		2>/dev/null | sed -n 's/^ *SONAME *//p')
GIT2_DEF    = $(if $(GIT2_SONAME),-DSTRATA_GIT2_SONAME='"$(GIT2_SONAME)"')
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wno-missing-field-initializers
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) -Iinclude $(PKG_CFLAGS) $(GIT2_DEF) $(CFLAGS) $(XCFLAGS)
LDLIBS  = $(PKG_LIBS) -lm

BUILD   ?= build
SRCS    := $(wildcard src/*.c)
OBJS    := $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS := $(filter-out $(BUILD)/main.o,$(OBJS))
TESTS   := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
BIN     ?= strata

.PHONY: all deps bin tests test unit asan tsan demo clean bench fuzz fuzz-bins fuzz-replay fuzz-replay-bins

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

# The parallel paths under ThreadSanitizer: every case of scripts/test-jobs
# on one thread and on three (stderr is compared, so a race report fails
# the case), then the bench repository's overlay when make bench made one.
tsan: deps
	$(MAKE) BUILD=build-tsan BIN=strata-tsan CFLAGS="-O1 -g -fsanitize=thread" \
		XLDFLAGS="-fsanitize=thread" bin build-tsan/tests/test_pcache
	build-tsan/tests/test_pcache
	scripts/test-jobs ./strata-tsan
	@d=/tmp/strata-bench/300/apps/overlays/production; if [ -d $$d ]; then \
		./strata-tsan build -j 2 $$d 2>&1 >/dev/null | grep -c 'WARNING: ThreadSanitizer' \
		| { read n; echo "tsan: $$d: $$n reports"; [ "$$n" = 0 ]; }; fi
	@r=/tmp/strata-bench/300; if [ -d $$r/profiles/production ]; then \
		./strata-tsan render $$r/profiles/production --root $$r -j 2 2>&1 >/dev/null \
		| grep -c 'WARNING: ThreadSanitizer' \
		| { read n; echo "tsan: render $$r/profiles/production: $$n reports"; [ "$$n" = 0 ]; }; fi

# libFuzzer targets (tests/fuzz/fuzz_*.c) against every module but main.c,
# all built with clang, ASan and UBSan into build-fuzz/; each runs for
# FUZZ_TIME seconds, one after the other, on seeds scripts/fuzz-seeds takes
# from testdata/ and the examples plus the regression corpus testdata/fuzz/.
# Findings land in build-fuzz/crashes/<target>/, libFuzzer's log in
# build-fuzz/logs/<target>/.  `make fuzz FUZZ_TARGETS=fuzz_parse` runs one.
FUZZ_TIME    ?= 600
FUZZ_CC      ?= clang
FUZZ_DIR     := build-fuzz
FUZZ_TARGETS ?= $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c17 -D_GNU_SOURCE $(WARN) -Iinclude $(PKG_CFLAGS) $(GIT2_DEF) -g -O1 $(FUZZ_SAN)
FUZZ_OBJS    := $(patsubst src/%.c,$(FUZZ_DIR)/obj/%.o,$(filter-out src/main.c,$(SRCS)))

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-bins
	@scripts/fuzz-seeds $(FUZZ_DIR)/corpus $(FUZZ_TARGETS)
	@root=$$(pwd); found=0; for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_DIR)/crashes/$$t $(FUZZ_DIR)/logs/$$t testdata/fuzz/$$t; \
		echo "fuzz $$t: $(FUZZ_TIME)s, log in $(FUZZ_DIR)/logs/$$t/fuzz-0.log"; \
		touch $(FUZZ_DIR)/logs/$$t/.start; \
		dict=; [ -f tests/fuzz/$$t.dict ] && dict="-dict=$$root/tests/fuzz/$$t.dict"; \
		(cd $(FUZZ_DIR)/logs/$$t && "$$root/$(FUZZ_DIR)/$$t" -jobs=1 -workers=1 $$dict \
			-max_total_time=$(FUZZ_TIME) -timeout=20 -rss_limit_mb=2048 \
			-print_final_stats=1 -artifact_prefix="$$root/$(FUZZ_DIR)/crashes/$$t/" \
			"$$root/$(FUZZ_DIR)/corpus/$$t" "$$root/testdata/fuzz/$$t" >/dev/null 2>&1); \
		grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|Done [0-9]+ runs)' \
			$(FUZZ_DIR)/logs/$$t/fuzz-0.log | sed "s/^/  /"; \
		grep -E '^SUMMARY|^==[0-9]+==ERROR' $(FUZZ_DIR)/logs/$$t/fuzz-0.log | sed "s/^/  /"; \
		n=$$(find $(FUZZ_DIR)/crashes/$$t -type f -newer $(FUZZ_DIR)/logs/$$t/.start | wc -l); \
		if [ $$n -gt 0 ]; then found=1; echo "  $$n finding(s) in $(FUZZ_DIR)/crashes/$$t"; fi; \
	done; exit $$found

fuzz-bins: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)

.SECONDARY: $(FUZZ_OBJS)

$(FUZZ_DIR)/obj/%.o: src/%.c $(wildcard include/strata/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) $(LDLIBS)

# The regression corpus testdata/fuzz/<target>/ through each target's entry
# point without libFuzzer (tests/fuzz/replay_main.c), built with $(CC) and
# the normal flags; `make test` runs it via scripts/test-fuzz-replay.
fuzz-replay: deps
	@scripts/test-fuzz-replay

fuzz-replay-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)

$(BUILD)/fuzz/replay_%: tests/fuzz/%.c tests/fuzz/replay_main.c tests/fuzz/fuzz_util.h $(LIBOBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay_main.c $(LIBOBJS) $(LDLIBS) $(XLDFLAGS)

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
