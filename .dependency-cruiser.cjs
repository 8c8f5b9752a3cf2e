/**
 * The arrows Jalin's layout forbids (README, "Layout"). `npx depcruise src` prints every violation;
 * test/unit/architecture.test.ts fails on one. Rooms: domain (pure vocabulary), core (pure engines),
 * access (who may do what), infra (the only room that touches the ORM, PostgreSQL and worker threads),
 * features (use cases and their GraphQL side), api (GraphQL plumbing), http (wiring), config, and
 * web (the browser console, which talks to the rest only through GraphQL).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "domain/ is vocabulary: it imports nothing else of Jalin's.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "^src/", pathNot: "^src/domain/" },
    },
    {
      name: "core-imports-only-domain",
      comment: "core/ engines are pure: they import domain/ and each other, never I/O or the API.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^src/", pathNot: "^src/(core|domain)/" },
    },
    {
      name: "access-imports-only-domain",
      comment: "access/ decides who may do what from the viewer and facts handed to it.",
      severity: "error",
      from: { path: "^src/access/" },
      to: { path: "^src/", pathNot: "^src/(access|domain)/" },
    },
    {
      name: "infra-serves-not-calls",
      comment: "infra/ adapters are used by features and api; they never reach back up.",
      severity: "error",
      from: { path: "^src/infra/" },
      to: { path: "^src/(features|api|http|access)/" },
    },
    {
      name: "features-not-http",
      comment: "A use case does not know the transport it is served over.",
      severity: "error",
      from: { path: "^src/features/" },
      to: { path: "^src/http/" },
    },
    {
      name: "api-not-http",
      comment: "GraphQL plumbing does not know the server wiring.",
      severity: "error",
      from: { path: "^src/api/" },
      to: { path: "^src/http/" },
    },
    {
      name: "no-graphql-below-the-api",
      comment: "domain, core, access and infra know nothing of GraphQL: errors reach the API as DomainError or TryAgainLater.",
      severity: "error",
      from: { path: "^src/(domain|core|access|infra)/" },
      to: { path: "(^|/)node_modules/(graphql|type-graphql|graphql-ws|@apollo)/" },
    },
    {
      name: "only-infra-touches-the-orm",
      comment: "Only infra/ imports the generated Prisma client (repositories, the db client, the enum mapping).",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(infra|generated)/" },
      to: { path: "^src/generated/|^node_modules/(@prisma|\\.prisma|prisma)/" },
    },
    {
      name: "web-talks-graphql-only",
      comment: "web/ is the browser console: it reaches the server through GraphQL over HTTP and WebSocket, never by importing it.",
      severity: "error",
      from: { path: "^src/web/" },
      to: { path: "^src/", pathNot: "^src/web/" },
    },
    {
      name: "server-not-web",
      comment: "The server serves the console's build (http/web.ts reads dist/web); no server code imports web/.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/web/" },
      to: { path: "^src/web/" },
    },
    {
      name: "no-circular",
      comment: "Rooms import each other one way.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/generated/" },
      to: { circular: true },
    },
  ],
  options: {

    doNotFollow: { path: ["node_modules", "^src/generated/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".tsx", ".js"] },
  },
};
