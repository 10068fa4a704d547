# ChannelSync: the two set-up commands of the README, plus helpers.
#   make demo   installs the C libraries if missing, builds, runs the demo
#   make test   installs the C libraries if missing, builds, runs every test
SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev libsqlite3-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release demo test bench clean

# Installs only what is missing, so a machine that has everything never calls apt.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Until `channelsync demo` (daemon + sandbox) exists: check the shipped config, then
# run the reconciliation engine over a synthetic partner program.
demo: release
	.build/release/channelsync config check --config config/channelsync.json5
	.build/release/channelsync bench reconcile --records 20000

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# BENCH_SCALE=small runs every scenario at a tenth of the issue's sizes (quick look);
# the default runs the issue's sizes (long on a 2-core machine).
bench: release
	.build/release/channelsync bench initial $(if $(filter small,$(BENCH_SCALE)),--records 10000)
	.build/release/channelsync bench steady $(if $(filter small,$(BENCH_SCALE)),--records 100000)
	.build/release/channelsync bench idle $(if $(filter small,$(BENCH_SCALE)),--records 100000)
	.build/release/channelsync bench fullscan $(if $(filter small,$(BENCH_SCALE)),--records 20000)
	.build/release/channelsync bench reconcile
	.build/release/channelsync bench journal
	.build/release/channelsync bench lookup

clean:
	rm -rf .build
