# Multi-stage build: compile with dev dependencies, run with production ones as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY packages ./packages
COPY services ./services
COPY gateway ./gateway
COPY tools ./tools
COPY tests ./tests
COPY schema ./schema
RUN npm ci --ignore-scripts && npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/packages ./packages
COPY --from=build /app/services ./services
COPY --from=build /app/gateway ./gateway
COPY --from=build /app/tools ./tools
COPY --from=build /app/tests/package.json ./tests/package.json
COPY --from=build /app/schema ./schema
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
USER node
EXPOSE 4000 4001 4002 4003
CMD ["node", "gateway/dist/main.js"]
