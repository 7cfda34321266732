# A production image: build on Debian 12, run on Debian 12 slim with only the runtime libraries.
# The build stage installs scripts/packages.txt, the list scripts/run and scripts/test use, less chromium
# (only the browser test needs it).
FROM debian:12 AS build
WORKDIR /src
COPY scripts/packages.txt scripts/packages.txt
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      $(grep -v '^\s*#' scripts/packages.txt | grep -v '^\s*$' | grep -vx chromium) \
 && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
 && cmake --build build -- -j"$(nproc)"

FROM debian:12-slim
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      libpq5 libssl3 libsimdjson14 libargon2-1 libxlsxwriter4 libprotobuf32 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --no-create-home auditrail
COPY --from=build /src/build/bin/ /usr/local/bin/
USER auditrail
EXPOSE 8080 8081
# Configure with AUDITRAIL_DATABASE_URL, AUDITRAIL_JWT_SECRET, AUDITRAIL_LISTEN=0.0.0.0:8080, ...
CMD ["auditrail-ingest"]
