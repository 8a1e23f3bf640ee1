# Tilework — the two commands of the README, and the rest.
#   make demo   build, then run the main job on the embedded default with sample inputs
#   make test   run every test (Maven Surefire)
#   make fuzz   long fuzzing campaigns of every reader of user bytes (MINUTES=10 per target; bench/fuzz.sh)
#   make bench  run the benchmarks (start-up vs gdalinfo, GDAL reads, engine JMH, slope vs gdaldem, sales vs DuckDB, charts vs ogr2ogr, process engine, cluster, server) and print Tilework/rival ratios

SHELL := /bin/bash
MVN = JAVA_HOME="$$(scripts/java-home.sh)" mvn -B --no-transfer-progress -Dstyle.color=never
SHARED_DATA ?= ../shared/data
DEMO_DIR := target/demo

.PHONY: all demo test bench fuzz build prerequisites clean

all: build

prerequisites:
	@scripts/prerequisites.sh

# The jar records its version and commit (tilework --version); then the JVM's ahead-of-time cache
# that makes bin/tilework start fast (scripts/aot-cache.sh).
build: prerequisites
	$(MVN) -q -DskipTests -Dtilework.commit="$$(git describe --always --dirty 2>/dev/null || true)" package
	scripts/java-home.sh > app/target/java-home  # the JDK bin/tilework runs: the one the AOT cache is built for
	scripts/aot-cache.sh

test: prerequisites
	$(MVN) test

# Slope and hillshade of a DEM (shared, or generated when ../shared/data is missing) as COGs,
# tile by tile with a cache; a second run shows the cache at work; then a sales KPI report.
demo: build
	SHARED_DATA="$(SHARED_DATA)" scripts/demo.sh

bench: build
	@status=0; \
	for run in bench/startup.sh bench/raster-read.sh bench/engine.sh "BENCH_SIZE=8192 bench/raster-slope.sh" \
	        bench/raster-slope.sh bench/sales.sh bench/charts.sh bench/process.sh bench/cluster.sh bench/server.sh bench/python.sh; do \
	    echo "== $$run"; \
	    JAVA_HOME="$$(scripts/java-home.sh)" env $$run || status=1; \
	done; \
	[ $$status = 0 ] || echo "make bench: at least one target is missed (FAIL above); every benchmark ran"; \
	exit $$status

MINUTES ?= 10
fuzz: prerequisites
	bench/fuzz.sh $(MINUTES)

clean:
	$(MVN) -q clean
	rm -rf target
