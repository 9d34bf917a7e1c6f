# wa-review — build, run, test.  `make run` and `make test` are the quick start.
#
# Top-level goals first check what they need from Debian (the one list in src/build/deps.sh:
# installed with apt-get as root, else the exact apt-get line is printed), then re-enter
# this Makefile with WA_DEPS_OK=1 to do the work, so pkg-config is only asked once it can
# answer.

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
SAN     ?=
comma   := ,
PKGS    := yaml-0.1 libcjson openssl libcurl ncursesw expat
TEST_PKGS := cmocka

GOALS := all run test unit cli asan valgrind fuzz bench install lint format

# The groups of src/build/deps.sh each goal needs.
DEPS_test     := build lint test fuzz
DEPS_unit     := build test
DEPS_cli      := build test
DEPS_asan     := build test
DEPS_valgrind := build test valgrind
DEPS_fuzz     := build fuzz
DEPS_bench    := build test
DEPS_lint     := lint
DEPS_format   := lint

ifeq ($(WA_DEPS_OK),)

.DEFAULT_GOAL := all
$(GOALS):
	@sh src/build/deps.sh $(or $(DEPS_$@),build)
	@$(MAKE) --no-print-directory WA_DEPS_OK=1 $@

# Single files (make build/tests/test_x) go through the same check, then the real rules.
build/%: FORCE
	@sh src/build/deps.sh build test
	@$(MAKE) --no-print-directory WA_DEPS_OK=1 $@

clean:
	rm -rf build

.PHONY: $(GOALS) clean FORCE

else

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
TEST_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS))
TEST_LIBS  := $(shell pkg-config --libs $(TEST_PKGS))

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wno-format-nonliteral -Wundef -Wvla -Wpointer-arith
OPT  ?= -O2
ifeq ($(SAN),1)
OPT  := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
endif
CFLAGS   ?= -g
ALL_CFLAGS := -std=c17 $(OPT) $(CFLAGS) $(WARN) $(PKG_CFLAGS)
CPPFLAGS += -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
LDLIBS   := $(PKG_LIBS) -lm
SAN_LDFLAGS := $(if $(filter 1,$(SAN)),-fsanitize=address$(comma)undefined)

# Every .c under src/ is part of the library except the program's entry point.
LIB_SRCS := $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
LIB_SRCS := $(filter-out src/build/%,$(LIB_SRCS))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/builtin_data.o
LIB      := $(BUILD)/libwa.a
BIN      := $(BUILD)/wa-review

# Data compiled into the binary: the default question set, themes and the demo review.
EMBED_FILES := $(wildcard questions/*.yaml) $(wildcard questions/demo/*.yaml) $(wildcard themes/*.yaml)
# AWS service models, trimmed from botocore by src/build/gen_models.py (committed output).
EMBED_FILES += $(wildcard src/aws/models/*.json) src/aws/models/operations.txt

UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_BINS  := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TEST_SUPPORT := $(wildcard tests/unit/support/*.c)
# Small programs the shell tests drive (e.g. a signer to compare with botocore's).
TOOL_SRCS  := $(wildcard tests/tools/*.c)
TOOL_BINS  := $(TOOL_SRCS:tests/tools/%.c=$(BUILD)/tests/tools/%) \
              $(patsubst tests/fuzz/%.c,$(BUILD)/tests/tools/replay_%,$(wildcard tests/fuzz/fuzz_*.c))

all: $(BIN)

# Quiet by default; `make V=1` shows the commands.
Q := $(if $(V),,@)
$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tools/embed: src/build/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c17 -O2 -Wall -Wextra -Werror $< -o $@

$(BUILD)/gen/builtin_data.c: $(BUILD)/tools/embed $(EMBED_FILES)
	@mkdir -p $(@D)
	$(Q)$(BUILD)/tools/embed $@ $(EMBED_FILES)

$(BUILD)/gen/builtin_data.o: $(BUILD)/gen/builtin_data.c
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BIN): $(BUILD)/src/cli/main.o $(LIB)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c $(TEST_SUPPORT) $(LIB)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  TEST    $@")
	$(Q)$(CC) $(CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(TEST_CFLAGS) $(SAN_LDFLAGS) $< $(TEST_SUPPORT) \
	    $(LIB) $(TEST_LIBS) $(LDLIBS) -o $@

$(BUILD)/tests/tools/%: tests/tools/%.c $(LIB)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SAN_LDFLAGS) $< $(LIB) $(LDLIBS) -o $@

# The wizard on the demo review (a working copy under ~/.local/share/wa-review/).
run: $(BIN)
	$(BIN) --demo

unit: $(UNIT_BINS)
	@sh tests/run-unit.sh $(UNIT_BINS)

cli: $(BIN) $(TOOL_BINS)
	@WA=$(abspath $(BIN)) WA_TOOLS=$(abspath $(BUILD)/tests/tools) sh tests/cli/run.sh

# The whole suite: default build, then again under AddressSanitizer + UBSan.
test: lint $(BIN) $(UNIT_BINS) $(TOOL_BINS)
	@sh tests/run-all.sh "$(BUILD)" "$(MAKE) --no-print-directory WA_DEPS_OK=1"

asan:
	@$(MAKE) --no-print-directory WA_DEPS_OK=1 BUILD=build/asan SAN=1 unit cli

valgrind: $(BIN) $(UNIT_BINS) $(TOOL_BINS)
	@VALGRIND=1 sh tests/run-unit.sh $(UNIT_BINS)
	@WA=$(abspath $(BIN)) WA_TOOLS=$(abspath $(BUILD)/tests/tools) VALGRIND=1 sh tests/cli/run.sh

# libFuzzer targets. The library is compiled once with clang's sanitizers (UB stops the run:
# -fno-sanitize-recover), then each target links against it.
FUZZ_SECONDS ?= 30
FUZZ_NAMES   := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS := $(FUZZ_NAMES:%=build/fuzz/%)
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  := -std=c17 -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) $(CPPFLAGS) $(PKG_CFLAGS)
FUZZ_OBJS    := $(LIB_SRCS:%.c=build/fuzz/obj/%.o) build/fuzz/obj/gen/builtin_data.o
build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
build/fuzz/obj/gen/builtin_data.o: $(BUILD)/gen/builtin_data.c
	@mkdir -p $(@D)
	$(Q)clang $(FUZZ_CFLAGS) -c $< -o $@
build/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJS)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  FUZZ    $@")
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FUZZ_OBJS) $(LDLIBS) -o $@
fuzz: $(FUZZ_TARGETS)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The same targets without libFuzzer, fed the saved crashes (tests/fuzz/replay_main.c), in
# the normal and the sanitizer builds: tests/cli/test_fuzz_replay.sh runs them.
REPLAY_BINS := $(FUZZ_NAMES:%=$(BUILD)/tests/tools/replay_%)
$(BUILD)/tests/tools/replay_%: tests/fuzz/%.c tests/fuzz/replay_main.c $(LIB)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SAN_LDFLAGS) $< tests/fuzz/replay_main.c $(LIB) $(LDLIBS) -o $@

BENCH_SRCS := $(wildcard tests/bench/bench_*.c)
BENCH_BINS := $(BENCH_SRCS:tests/bench/%.c=$(BUILD)/bench/%)
$(BUILD)/bench/%: tests/bench/%.c $(LIB)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $< $(LIB) $(LDLIBS) -o $@
bench: $(BENCH_BINS) $(BIN) $(TOOL_BINS)
	@for b in $(BENCH_BINS); do echo "== $$b"; WA=$(abspath $(BIN)) $$b || exit 1; done
	@for s in tests/bench/*.sh; do [ -f "$$s" ] || continue; echo "== $$s"; WA=$(abspath $(BIN)) sh $$s || exit 1; done

install: $(BIN)
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/wa-review
	install -D -m 0644 man/wa-review.1 $(DESTDIR)$(PREFIX)/share/man/man1/wa-review.1
	install -D -m 0644 man/wa-review-questions.5 $(DESTDIR)$(PREFIX)/share/man/man5/wa-review-questions.5
	install -D -m 0644 man/wa-review-report.5 $(DESTDIR)$(PREFIX)/share/man/man5/wa-review-report.5
	install -D -m 0644 man/wa-review-report.schema.json \
	    $(DESTDIR)$(PREFIX)/share/doc/wa-review/wa-review-report.schema.json

# Layers point one way (src/build/check_layers.sh: each folder includes only those below it,
# curses only in src/ui) and every C file is as clang-format leaves it.
FORMAT_FILES = $(shell git ls-files --cached --others --exclude-standard '*.c' '*.h' 2>/dev/null || find src tests -name '*.[ch]')
lint:
	@sh src/build/check_layers.sh src
	@clang-format --dry-run -Werror $(FORMAT_FILES) 2>&1 | head -n 20 | grep . \
	    && { echo "lint: not as clang-format leaves it (make format fixes it)"; exit 1; } || true

format:
	clang-format -i $(FORMAT_FILES)

.PHONY: $(GOALS)
.SECONDARY:
-include $(sort $(shell find $(BUILD) build/fuzz -name '*.d' 2>/dev/null))

endif
