# Tilework — the two commands of the README, and the rest.
#   make demo   build, then run the main job on the embedded default with sample inputs
#   make test   run every test (Maven Surefire)
#   make bench  run the benchmarks (GDAL reads, engine JMH) and print Tilework/rival ratios

SHELL := /bin/bash
MVN = JAVA_HOME="$$(scripts/java-home.sh)" mvn -B --no-transfer-progress -Dstyle.color=never
SHARED_DATA ?= ../shared/data
DEMO_DIR := target/demo

.PHONY: all demo test bench build prerequisites clean

all: build

prerequisites:
	@scripts/prerequisites.sh

build: prerequisites
	$(MVN) -q -DskipTests package

test: prerequisites
	$(MVN) test

# Until the raster pipeline lands, the demo summarises a raster and a chart cell: the shared
# samples when ../shared/data is there, else a raster generated here.
demo: build
	@if [ -f "$(SHARED_DATA)/raster/RGB.byte.tif" ]; then \
	    bin/tilework info "$(SHARED_DATA)/raster/RGB.byte.tif" && echo && \
	    bin/tilework info --oo UPDATES=APPLY "$(SHARED_DATA)/s57/US5WA22M/US5WA22M.000"; \
	else \
	    mkdir -p $(DEMO_DIR) && \
	    gdal_create -q -of GTiff -outsize 512 512 -bands 1 -ot Float32 -burn 42 -a_srs EPSG:32633 \
	        -a_ullr 500000 4100000 505120 4094880 -co TILED=YES -co COMPRESS=DEFLATE $(DEMO_DIR)/sample.tif && \
	    bin/tilework info $(DEMO_DIR)/sample.tif; \
	fi

bench: build
	JAVA_HOME="$$(scripts/java-home.sh)" bench/raster-read.sh
	JAVA_HOME="$$(scripts/java-home.sh)" bench/engine.sh

clean:
	$(MVN) -q clean
	rm -rf target
