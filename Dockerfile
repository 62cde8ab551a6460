# One image for every service: `docker build --build-arg SERVICE_DIR=subgraphs/ledger .`
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN corepack enable pnpm
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build

FROM node:20-bookworm-slim
ARG SERVICE_DIR
ENV NODE_ENV=production SERVICE_DIR=${SERVICE_DIR}
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["sh", "-c", "exec node \"$SERVICE_DIR/dist/src/main.js\""]
