# whosaid container image.
#
#   podman build --format docker -t whosaid .      (docker build -t whosaid .)
#   podman run --rm -p 127.0.0.1:8080:8080 whosaid
#
# --format docker: the OCI image format has no HEALTHCHECK field, so podman
# drops it (with a warning) unless the image is built in docker format.
# tests/container/run builds and checks this image.

# ---------------------------------------------------------------- build stage
FROM debian:bookworm AS build

ENV DEBIAN_FRONTEND=noninteractive

# .ci/packages is the one list of Debian build packages (one a line, '#'
# comments). Copied on its own so this slow layer is cached until the list
# changes. Lines whose comment carries the marker "test-only" are only needed
# to run the test suites, which this build does not (-Dtests=false).
COPY .ci/packages /tmp/packages
RUN set -eu; \
    pkgs="$(grep -v 'test-only' /tmp/packages | sed -e 's/#.*//' | tr -s ' \t' '\n\n' | sed -e '/^$/d')"; \
    apt-get update; \
    apt-get install -y --no-install-recommends $pkgs; \
    rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY . .
RUN set -eu; \
    meson setup --buildtype=release -Dtests=false --prefix=/usr/local /tmp/build; \
    meson compile -C /tmp/build; \
    DESTDIR=/staging meson install -C /tmp/build --strip; \
    test -x /staging/usr/local/bin/whosaid

# -------------------------------------------------------------- runtime stage
FROM debian:bookworm-slim

# Only the shared libraries whosaid links against (+ CA roots for libcurl).
RUN set -eu; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libmicrohttpd12 libjansson4 libcurl4 libinih1 libxml2 ca-certificates; \
    rm -rf /var/lib/apt/lists/*

# A fixed numeric uid so orchestrators can verify runAsNonRoot.
RUN useradd --system --uid 10001 --user-group \
        --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin whosaid

COPY --from=build /staging/usr/local/ /usr/local/
COPY config/ /etc/whosaid/

# Fail the build, not the first start, if a runtime library is missing.
RUN if ldd /usr/local/bin/whosaid | grep 'not found'; then exit 1; fi

USER 10001:10001
EXPOSE 8080
ENV WHOSAID_SERVER_BIND=0.0.0.0 \
    WHOSAID_SERVER_PORT=8080

# The check speaks HTTP/1.0 to /healthz through bash's /dev/tcp: bash is
# Essential in Debian and already in the image, whereas curl would add a
# binary (and its attack surface) that only the health check needs, and
# whosaid has no self-probe subcommand. Healthy = status line says 200.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${WHOSAID_SERVER_PORT:-8080} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r -t 4 proto status rest <&3 && [ \"$status\" = 200 ]"]

ENTRYPOINT ["whosaid"]
CMD ["serve", "--config", "/etc/whosaid/whosaid.conf"]
