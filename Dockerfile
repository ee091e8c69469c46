# syntax=docker/dockerfile:1
# The container image of the controller-network-policy KRM function.
#
#   docker build -t ghcr.io/metio/controller-network-policy:v0.1.0 .
#
# kustomize and kpt start it as `docker run --rm -i --network none --user nobody
# --security-opt=no-new-privileges IMAGE`: it reads a ResourceList on stdin and writes one to stdout,
# needs no network and writes no file. test/e2e/image-contract.test.ts checks this file and runs the
# runtime stage's files the way that command does (the tests cannot run `docker build`).
#
# Base images: Node.js 24 (LTS), pinned by digest, with the tag in the comment above each FROM, so that
# every update is a deliberate change (CONTRIBUTING.md says how to update them). Both ship
# Node.js 24.21.0. Where the digests come from: Landry12-BAS/Portfolio pins these same two in
# infra/docker/lb07-sandbox.Dockerfile (commit 67682d78); xFuture603/filmnacht's Dockerfile pins the
# same distroless one.

# Build stage: on the build machine's own platform (the output is plain JavaScript, the same for every
# target platform), so a multi-platform build does not emulate npm.
# node:24.21.0-trixie-slim
FROM --platform=$BUILDPLATFORM node:24.21.0-trixie-slim@sha256:173f125896c3b47ddf056734c7ea789d04595a6a08769a8f78e0df642781fb66 AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build \
 && chmod -R a+rX bin dist package.json

# Code cache stage: V8 accepts a code cache only from the very same V8 build (Node.js 24.0.0 already
# rejects one written by 24.21.0), so the runtime image's own Node.js rewrites dist/*.cache, on the
# target platform. A cache that does not fit would only be ignored, and the function start slower.
# gcr.io/distroless/nodejs24-debian13:nonroot
FROM gcr.io/distroless/nodejs24-debian13:nonroot@sha256:9eeb7f5887d0e239e78264b06f7f11d2e14be534050481803a9e4728fcdd278e AS code-cache
WORKDIR /src
COPY --from=build --chown=65532:65532 /src/package.json /src/package.json
COPY --from=build --chown=65532:65532 /src/bin /src/bin
COPY --from=build --chown=65532:65532 /src/dist /src/dist
COPY --from=build --chown=65532:65532 /src/scripts/build-code-cache.cjs /src/scripts/build-code-cache.cjs
COPY --from=build --chown=65532:65532 /src/build/code-cache-training.json /src/build/code-cache-training.json
USER 65532:65532
RUN ["/nodejs/bin/node", "scripts/build-code-cache.cjs"]

# Runtime stage: Node.js 24 only (no shell, no package manager), non-root. The bundle needs no
# node_modules: only the entry point, the bundle (and its per-dialect validators) and package.json.
# gcr.io/distroless/nodejs24-debian13:nonroot
FROM gcr.io/distroless/nodejs24-debian13:nonroot@sha256:9eeb7f5887d0e239e78264b06f7f11d2e14be534050481803a9e4728fcdd278e
ARG VERSION=dev
LABEL org.opencontainers.image.title="controller-network-policy" \
      org.opencontainers.image.description="KRM function (kustomize / kpt) that renders the network policies of the StageSet controller" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /app
COPY --from=code-cache /src/package.json /app/package.json
COPY --from=code-cache /src/bin /app/bin
COPY --from=code-cache /src/dist /app/dist
ENV NODE_ENV=production
# 65532 is distroless' "nonroot"; kustomize and kpt override it with --user nobody (65534), which
# works because every file above is world-readable (the build stage's chmod; the cache is written
# with umask 022) and nothing is written.
USER 65532:65532
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/controller-network-policy"]
