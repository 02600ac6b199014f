# whosaid: a front door to meson. Nothing is built here; meson.build is the
# build. Debian packages come from .ci/packages (.ci/install-packages).
#
#   make run            install what is missing, build, serve on :8080
#   make test           every suite, then again in a sanitizer build
#   make bench          tests/bench/run
#   make fuzz           libFuzzer targets (clang, -Dfuzzing=true), each run
#                       for FUZZ_SECONDS (default 60) under ASan and UBSan
#   make test-container tests/container/run
#   make format         clang-format -i on lib/, server/, tests/
#   make format-check   the same, changing nothing, failing on a diff
#   make clean          remove the build directories
#
# Knobs: BUILD=dir ASAN_BUILD=dir FUZZ_BUILD=dir (build directories),
# WERROR=1 (meson --werror, as CI does), CONFIG=file (for make run),
# MESON_TEST_ARGS="--suite http" (passed to meson test),
# FUZZ_SECONDS=600 (each target) and FUZZ_TARGETS="engine extract" (make fuzz).

BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
CONFIG ?= config/whosaid.conf
WERROR ?= 0
SANITIZE_CC ?= clang
MESON_TEST_ARGS ?=
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= engine extract

werror := $(if $(filter 1 yes true,$(WERROR)),true,false)

# The C files clang-format owns: tracked or new, never ignored ones (the
# container test keeps a whole Debian tree under tests/container/.work).
c_files = $(shell git ls-files --cached --others --exclude-standard \
	-- 'lib/*.[ch]' 'server/*.[ch]' 'tests/*.[ch]' 2>/dev/null || \
	find lib server tests -name .work -prune -o -name '*.[ch]' -print)

# Sanitizer runs stop at the first report and print where it came from.
san_env = ASAN_OPTIONS=abort_on_error=0:detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

.PHONY: all deps build run test test-default test-asan bench fuzz \
	test-container format format-check clean

all: build

deps:
	@.ci/install-packages

# setup: configure build directory $(1) once, with environment $(2) and
# meson options $(3); WERROR=1 also turns --werror on in an existing one.
define setup
	@test -f $(1)/build.ninja || $(2) meson setup -Dwerror=$(werror) $(3) $(1)
	$(if $(filter true,$(werror)),meson configure -Dwerror=true $(1))
endef

san_opts = -Db_sanitize=address,undefined -Db_lundef=false

build:
	$(call setup,$(BUILD),,)
	meson compile -C $(BUILD)

run: deps build
	$(BUILD)/server/whosaid serve --config $(CONFIG)

test: test-default test-asan

test-default: deps build
	meson test -C $(BUILD) --print-errorlogs $(MESON_TEST_ARGS)

test-asan: deps
	$(call setup,$(ASAN_BUILD),CC=$(SANITIZE_CC),$(san_opts))
	meson compile -C $(ASAN_BUILD)
	$(san_env) meson test -C $(ASAN_BUILD) --print-errorlogs $(MESON_TEST_ARGS)

bench: build
	@if [ -x tests/bench/run ]; then \
		BUILD_DIR=$(abspath $(BUILD)) tests/bench/run; \
	else \
		echo "make bench: tests/bench/run does not exist yet"; \
	fi

# The seed corpus tests/fuzz/corpus/<target> is read, never written: new
# inputs go to $(FUZZ_BUILD)/fuzz/<target>/new, crashes, leaks and timeouts
# to $(FUZZ_BUILD)/fuzz/<target>/crash-*, leak-*, timeout-* (add one to the
# seed corpus once it is fixed).
# -entropic=0: libFuzzer 14's entropic schedule spends most of its time in
# UpdateFeatureFrequency on this target: it runs a third as many inputs.
fuzz_flags = -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 \
	-rss_limit_mb=2048 -entropic=0 -print_final_stats=1

fuzz: deps
	$(call setup,$(FUZZ_BUILD),CC=clang,-Dfuzzing=true $(san_opts))
	meson compile -C $(FUZZ_BUILD)
	$(san_env) meson test -C $(FUZZ_BUILD) --suite fuzz --print-errorlogs
	@for t in $(FUZZ_TARGETS); do \
		dir=$(FUZZ_BUILD)/fuzz/$$t; \
		dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
		mkdir -p $$dir/new || exit 1; \
		echo "fuzz_$$t: $(FUZZ_SECONDS) s, new inputs in $$dir/new"; \
		$(san_env) $(FUZZ_BUILD)/tests/fuzz/fuzz_$$t $(fuzz_flags) \
			$$dict -artifact_prefix=$$dir/ \
			$$dir/new tests/fuzz/corpus/$$t || exit 1; \
	done

test-container:
	@if [ -x tests/container/run ]; then \
		tests/container/run; \
	else \
		echo "make test-container: tests/container/run does not exist yet"; \
	fi

format:
	clang-format -i $(c_files)

format-check:
	clang-format --dry-run --Werror $(c_files)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)

