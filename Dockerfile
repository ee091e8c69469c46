# syntax=docker/dockerfile:1
# The container image of the controller-network-policy KRM function.
#
#   docker build -t ghcr.io/metio/controller-network-policy:v0.1.0 .
#
# kustomize and kpt start it as `docker run --rm -i --network none --user nobody
# --security-opt=no-new-privileges IMAGE`: it reads a ResourceList on stdin and writes one to stdout,
# needs no network and writes no file. test/e2e/image-contract.test.ts checks this file and runs the
# runtime stage's files the way that command does (the tests cannot run `docker build`).

# Build stage: on the build machine's own platform (the output is plain JavaScript, the same for every
# target platform), so a multi-platform build does not emulate npm.
FROM --platform=$BUILDPLATFORM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# npm run build also writes V8's code cache of the bundle (dist/*.cache) with this stage's Node.js 20;
# if the runtime's Node.js differs, V8 ignores the cache and the function only starts a little slower.
RUN npm run build \
 && chmod -R a+rX bin dist package.json

# Runtime stage: Node.js 20 only (no shell, no package manager), non-root. The bundle needs no
# node_modules: only the entry point, the bundle (and its per-dialect validators) and package.json.
FROM gcr.io/distroless/nodejs20-debian12:nonroot
ARG VERSION=dev
LABEL org.opencontainers.image.title="controller-network-policy" \
      org.opencontainers.image.description="KRM function (kustomize / kpt) that renders the network policies of the StageSet controller" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /app
COPY --from=build /src/package.json /app/package.json
COPY --from=build /src/bin /app/bin
COPY --from=build /src/dist /app/dist
ENV NODE_ENV=production
# 65532 is distroless' "nonroot"; kustomize and kpt override it with --user nobody (65534), which
# works because every file above is world-readable and nothing is written.
USER 65532:65532
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/controller-network-policy"]
