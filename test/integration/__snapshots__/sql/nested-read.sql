-- Prisma and prepared statements: 7 statements
SELECT "id", "firmId", "title", "description", "processes", "specificProcesses", "materials", "quantityPerMonth", "unit", "toleranceMm", "toleranceCritical", "maxRejectPpm", "requiredCertifications", "minimumStage", "preferredRegionCode", "latitude", "longitude", "radiusKm", "matchWeights", "startDate", "endDate", "status", "version", "createdById", "publishedAt", "createdAt", "updatedAt" FROM "ComponentNeed" WHERE "firmId" = ANY($1::uuid[]) AND "firmId" = $2::uuid ORDER BY "createdAt" DESC, "id" DESC;
SELECT "id", "role", "firmId", "foundationId", "ikmId", "koperasiId" FROM "User" WHERE "id" = $1::uuid;
SELECT "ikmId", "process", "monthlyCapacity" FROM "Capability" WHERE "ikmId" = ANY($1::uuid[]) ORDER BY "process" ASC;
SELECT "ikmId", "type", "validFrom", "validUntil" FROM "Certification" WHERE "ikmId" = ANY($1::uuid[]) ORDER BY "type" ASC, "validFrom" DESC;
SELECT count(*)::int AS "count" FROM "Firm" t;
SELECT t."id", t."legalName" FROM "Ikm" t WHERE t."legalName" ILIKE $1::text ORDER BY t."legalName" ASC, t."id" ASC LIMIT $2::int;
SELECT t."id", t."name", t."sector", t."tier", t."regionCode", t."website", t."createdAt", t."updatedAt" FROM "Firm" t ORDER BY t."name" ASC, t."id" ASC LIMIT $1::int;

-- match index: 0 statements
