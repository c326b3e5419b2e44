# kefu — the two commands of the README, and a few for developers.
#   make run    install what is missing, build, create var/demo.db, start kefu
#   make test   install what is missing, build, run every test, then again
#               under AddressSanitizer + UndefinedBehaviorSanitizer; and
#               compile (only) a Release build and one with Debian's
#               packaging flags, where other warnings show (-O3, fortify)
#   make deb    the Debian package (debian/, dpkg-buildpackage), built in a
#               copy of the tree under build-pkg/; prints the .deb's path
# Everything is built by CMake; this file only strings the steps together.

BUILD      ?= build
BUILD_SAN  ?= build-san
BUILD_REL  ?= build-release
BUILD_DEB  ?= build-deb
BUILD_PKG  ?= build-pkg
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DB    ?= var/demo.db

.PHONY: all deps deps-test build build-san build-release build-deb run test \
	test-plain test-san bench lint clean deb

all: build

deps:
	@sh scripts/deps.sh

deps-test:
	@sh scripts/deps.sh test

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

build-san: deps
	@cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DKEFU_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_SAN) -j $(JOBS)

# Warnings are errors in every build type; these two are compiled, not
# run (the suite runs twice above, which is enough for CI's time).
build-release: deps
	@cmake -S . -B $(BUILD_REL) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD_REL) -j $(JOBS)

# As a Debian package is built (dh_auto_configure: CPPFLAGS go with CFLAGS).
build-deb: deps-test
	@cmake -S . -B $(BUILD_DEB) -DCMAKE_BUILD_TYPE=None \
	    -DCMAKE_C_FLAGS="$$(dpkg-buildflags --get CFLAGS) $$(dpkg-buildflags --get CPPFLAGS)" \
	    -DCMAKE_EXE_LINKER_FLAGS="$$(dpkg-buildflags --get LDFLAGS)" >/dev/null
	@cmake --build $(BUILD_DEB) -j $(JOBS)

# dpkg-buildpackage in a copy of the tree (scripts/deb.sh): the .deb and
# the build log land in $(BUILD_PKG)/, the tree stays clean.
deb: deps-test
	@sh scripts/deb.sh --out $(BUILD_PKG)

$(DEMO_DB): | build
	@mkdir -p $(dir $(DEMO_DB))
	@sh scripts/demo.sh $(BUILD)/kefu $(DEMO_DB)

run: build $(DEMO_DB)
	@KEFU_DB=$(DEMO_DB) $(BUILD)/kefu

test: test-plain test-san build-release build-deb

test-plain: build deps-test
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-san: build-san deps-test
	@cd $(BUILD_SAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    ctest --output-on-failure -j $(JOBS)

bench: build
	@sh bench/run.sh $(BUILD)

lint: build
	@sh scripts/lint.sh

clean:
	rm -rf $(BUILD) $(BUILD_SAN) $(BUILD_REL) $(BUILD_DEB) $(BUILD_PKG)
