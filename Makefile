# Set-up and common tasks. `make test` and `make run` work on a fresh Debian machine with Swift:
# they install GSL (libgsl-dev) through apt-get when it is missing.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift
PYTHON ?= python3

.PHONY: deps test docs-check run release bench peers plots clean docs-standalone

deps:
	@if ! pkg-config --exists gsl 2>/dev/null; then \
		echo "Installing libgsl-dev (GSL) with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgsl-dev pkg-config; \
	fi
	@pkg-config --exists gsl || { echo "error: GSL (libgsl-dev) is still missing" >&2; exit 1; }

# The plots drawn by the tests are checked (labels with units, no overprinted text: Plots/plot_check.py).
test: export TAKEOFF_PLOT_CHECK := 1
test: deps
	bash scripts/check-standalone.sh
	$(SWIFT) build --product takeoff
	$(SWIFT) test
	$(PYTHON) scripts/docs_check.py
	@# The plot script must work on a fresh machine too: install its packages and draw a run.
	$(PYTHON) -m pip install -q -r Plots/requirements.txt
	@mkdir -p out
	.build/debug/takeoff run --csv out/test-plot.csv > /dev/null
	$(PYTHON) Plots/plot_run.py out/test-plot.csv out/test-plot.png
	.build/debug/takeoff run Models/feedback.toml --csv out/test-feedback.csv > /dev/null
	$(PYTHON) Plots/plot_feedback.py out/test-feedback.csv out/test-feedback.png
	.build/debug/takeoff run Models/regulation-theft.toml --csv out/test-regulation.csv > /dev/null
	$(PYTHON) Plots/plot_regulation.py out/test-regulation.csv out/test-regulation.png
	.build/debug/takeoff sample Models/feedback-uncertainty.toml --runs 200 --output out/test-sample --bands capability --quiet
	$(PYTHON) Plots/plot_sample.py out/test-sample out/test-sample-cdf.png out/test-sample-fan.png out/test-feedback.meta.json
	.build/debug/takeoff fit Models/metr-horizon.fit.toml --csv out/test-fit.csv > /dev/null
	$(PYTHON) Plots/plot_fit.py out/test-fit.csv out/test-fit.png "METR time horizon" Models/metr-horizon.fit.toml
	.build/debug/takeoff sample Models/sie-forethought.toml --runs 200 --output out/test-sie --quiet
	.build/debug/takeoff sample Models/milestones-ai2027.toml --runs 200 --output out/test-milestones --quiet
	$(PYTHON) Plots/plot_peers.py out/test-sie out/test-milestones out/test-sie.png out/test-milestones.png
	.build/debug/takeoff run Models/ccf-best-guess.toml --csv out/test-ccf.csv > /dev/null
	$(PYTHON) Plots/plot_ccf.py out/test-ccf.csv out/test-ccf.png

# No file refers to material outside the repository; markdown links resolve (also run by `test`).
docs-standalone:
	bash scripts/check-standalone.sh

# Every quoted figure in the docs, long studies included (release build; outside CI).
docs-check: release
	$(PYTHON) scripts/docs_check.py --long --binary .build/release/takeoff

release: deps
	$(SWIFT) build -c release --product takeoff

run: release
	@mkdir -p out
	.build/release/takeoff run Models/compute-growth.toml --csv out/compute-growth.csv

bench: deps
	$(SWIFT) build -c release --product takeoff-bench
	.build/release/takeoff-bench 10000 rk8pd
	.build/release/takeoff-bench 10000 rkf45
	@# The C limit: the same problem on GSL's driver in plain C (same checksum required).
	cc -O2 -o .build/c_baseline Benchmarks/c-baseline/c_baseline.c $$(pkg-config --cflags --libs gsl)
	.build/c_baseline 10000 rk8pd
	.build/c_baseline 10000 rkf45
	$(PYTHON) -m pip install -q -r Benchmarks/requirements.txt
	$(PYTHON) Benchmarks/scipy_peer.py 2000
	$(SWIFT) build -c release --product ivp-bench
	.build/release/ivp-bench 5
	$(PYTHON) Benchmarks/ivp/scipy_ivp.py
	$(SWIFT) build -c release --product ccf-bench
	.build/release/ccf-bench 50
	.build/release/ccf-bench 50 Models/ccf-best-guess-reference.toml
	$(MAKE) peers

# The peer models: 10,000-run studies (timed by `takeoff sample`) and the peers' discrete schemes
# rerun on the same draws (README "Other takeoff models", Benchmarks/README.md).
peers: release
	.build/release/takeoff sample Models/sie-forethought.toml --runs 10000 --seed 1 --threads 2 --output out/sie-forethought \
		--probability 'yearsOfProgressInFirstYear>3' --probability 'yearsOfProgressInFirstYear>10'
	.build/release/takeoff sample Models/milestones-ai2027.toml --runs 10000 --seed 1 --threads 2 --output out/milestones-ai2027 \
		--probability 'monthsSCtoASI<12' --probability 'monthsSCtoASI<24' --probability 'monthsSCtoASI<36'
	$(PYTHON) -m pip install -q -r Benchmarks/requirements.txt
	$(PYTHON) Benchmarks/peers/discrete_schemes.py out/sie-forethought out/milestones-ai2027

plots: run
	$(PYTHON) -m pip install -q -r Plots/requirements.txt
	$(PYTHON) Plots/plot_run.py out/compute-growth.csv Plots/compute-growth.png
	.build/release/takeoff run Models/feedback.toml --csv out/feedback.csv
	$(PYTHON) Plots/plot_feedback.py out/feedback.csv Plots/feedback.png
	.build/release/takeoff run Models/regulation-decaying.toml --csv out/regulation-decaying.csv
	$(PYTHON) Plots/plot_regulation.py out/regulation-decaying.csv Plots/regulation-decaying.png
	.build/release/takeoff run Models/regulation-theft.toml --csv out/regulation-theft.csv
	$(PYTHON) Plots/plot_regulation.py out/regulation-theft.csv Plots/regulation-theft.png
	$(PYTHON) Plots/regulation_sweep.py .build/release/takeoff Plots/regulation-sweep.csv Plots/regulation-sweep.png
	.build/release/takeoff sample Models/feedback-uncertainty.toml --runs 10000 --seed 1 --output out/feedback-uncertainty \
		--bands numberOfAIs,capability --probability 'monthsHumanLevelToBeyond<12' \
		--probability 'monthsHumanLevelToBeyond<36' --probability 'countShare>0.5' --quiet
	$(PYTHON) Plots/plot_sample.py out/feedback-uncertainty Plots/feedback-uncertainty-cdf.png Plots/feedback-uncertainty-fan.png out/feedback.meta.json
	for m in monthsHumanLevelToBeyond countShare; do \
		.build/release/takeoff sensitivity Models/feedback-uncertainty.toml --set time.end=2125 --method sobol --metric $$m --runs 2048 --output out/sobol-$$m --quiet && \
		.build/release/takeoff sensitivity Models/feedback-uncertainty.toml --set time.end=2125 --method oat --metric $$m --output out/oat-$$m --quiet || exit 1; \
	done
	$(PYTHON) Plots/plot_sensitivity.py out/oat-monthsHumanLevelToBeyond out/sobol-monthsHumanLevelToBeyond Plots/sensitivity-months.png "monthsHumanLevelToBeyond (feedback-uncertainty, span to 2125)" months
	$(PYTHON) Plots/plot_sensitivity.py out/oat-countShare out/sobol-countShare Plots/sensitivity-countShare.png "countShare (feedback-uncertainty, span to 2125)" fraction
	.build/release/takeoff sweep Models/feedback-uncertainty.toml --set time.end=2125 --grid researchFeedback=-1:0.6:17 \
		--grid parallelReturns=0.15:1:18:log --output out/sweep-feedback --quiet
	$(PYTHON) Plots/plot_sweep.py out/sweep-feedback monthsHumanLevelToBeyond Plots/sweep-feedback.png dimensionless dimensionless
	for f in metr-horizon metr-horizon-2023 frontier-compute gpu-price-performance compute-growth-history; do \
		.build/release/takeoff fit Models/$$f.fit.toml --csv out/fit-$$f.csv > /dev/null && \
		$(PYTHON) Plots/plot_fit.py out/fit-$$f.csv Plots/fit-$$f.png "$$(grep '^description' Models/$$f.fit.toml | cut -d'"' -f2)" Models/$$f.fit.toml || exit 1; \
	done
	$(MAKE) peers
	$(PYTHON) Plots/plot_peers.py out/sie-forethought out/milestones-ai2027 Plots/sie-forethought-cdf.png Plots/milestones-ai2027-cdf.png
	.build/release/takeoff run Models/ccf-best-guess.toml --csv out/ccf-best-guess.csv > /dev/null
	$(PYTHON) Plots/plot_ccf.py out/ccf-best-guess.csv Plots/ccf-best-guess.png "ccf best guess, exact continuous-time scheme"

clean:
	rm -rf .build out

FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: deps
	swift build --package-path Tests/Fuzz -c release --sanitize=fuzzer
	for t in scenario set data distribution; do \
		mkdir -p Tests/Fuzz/corpus-work/$$t; \
		SWIFT_BACKTRACE=enable=no Tests/Fuzz/.build/release/fuzz-$$t Tests/Fuzz/corpus-work/$$t Tests/Fuzz/corpus/$$t \
			-max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -artifact_prefix=Tests/Fuzz/ || exit 1; \
	done

# The test suite under AddressSanitizer (with LeakSanitizer; TOMLKit's known leaks suppressed)
# and ThreadSanitizer, each in its own build folder.
.PHONY: sanitize
sanitize: deps
	$(SWIFT) build --product takeoff
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt \
		$(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan

# A Monte Carlo study on a real single-node Slurm cluster started for the test (installs
# slurm-wlm and munge when missing); checks the merged files against a single-process run.
.PHONY: slurm-test
slurm-test: deps
	$(SWIFT) build --product takeoff
	bash Tests/slurm/slurm-test.sh .build/debug/takeoff
