# The API service of docker-compose.yml. It runs TypeScript with tsx (no build step) and talks to
# the Neo4j named by NEO4J_URI, so the image needs no Java.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# in a container the API must listen on every interface (the default, 127.0.0.1, is for a local run)
ENV HOST=0.0.0.0
COPY package.json package-lock.json ./
# patches/ is applied by the postinstall script of npm ci
COPY patches ./patches
# dev dependencies too: tsx runs the service
RUN npm ci --include=dev --no-audit --no-fund && npm cache clean --force
COPY . .
USER node
EXPOSE 4000
CMD ["npm", "start"]
