# sapling serve in a container (issue 13). Build: `docker build -t sapling-serve .`
# Run:   `docker run -p 8080:8080 -v "$PWD/models:/models:ro" sapling-serve`
# Serves every *.json model file of /models under its file name (iris.json → /v2/models/iris/infer).
# scripts/deploy.test.ts reads this file: the COPY sources must exist after `npm run build`, and the
# runtime stage's ENTRYPOINT + CMD is the command that test runs against a folder of models.

# Build stage: the whole toolchain, only to produce the standalone server bundle.
FROM node:20-slim AS build
WORKDIR /app
# Lock files first, so the dependency layer is reused while only the sources change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY index.html vite.config.ts tsconfig.json ./
COPY public ./public
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# Runtime stage: Node and one file. The bundle carries fastify and the prediction runtime inside it,
# so there is no node_modules, no npm and no shell (distroless), and the image runs as uid 65532.
FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
COPY --from=build /app/dist/server/sapling-serve.mjs /app/sapling-serve.mjs
# Numeric, so Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
USER 65532:65532
EXPOSE 8080
# Exec form: node is PID 1 and gets SIGTERM itself, which sapling serve answers by finishing the
# requests in flight before it exits. Arguments after the image name replace CMD
# (`docker run … sapling-serve /models/iris.json --host 0.0.0.0 --port 8080`); a token is best
# given as `-e SAPLING_TOKEN=…`, which keeps it out of the process list.
ENTRYPOINT ["/nodejs/bin/node", "/app/sapling-serve.mjs"]
CMD ["/models", "--host", "0.0.0.0", "--port", "8080"]
