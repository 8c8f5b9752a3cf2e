-- Prisma and prepared statements: 3 statements
SELECT "id", "firmId", "title", "description", "processes", "specificProcesses", "materials", "quantityPerMonth", "unit", "toleranceMm", "toleranceCritical", "maxRejectPpm", "requiredCertifications", "minimumStage", "preferredRegionCode", "latitude", "longitude", "radiusKm", "matchWeights", "startDate", "endDate", "status", "version", "createdById", "publishedAt", "createdAt", "updatedAt" FROM "ComponentNeed" WHERE "firmId" = ANY($1::uuid[]) AND "firmId" = $2::uuid ORDER BY "createdAt" DESC, "id" DESC;
SELECT "id", "name", "sector", "tier", "regionCode", "website", "createdAt", "updatedAt" FROM "Firm" WHERE "id" = ANY($1::uuid[]);
SELECT "id", "role", "firmId", "foundationId", "ikmId", "koperasiId" FROM "User" WHERE "id" = $1::uuid;

-- match index: 0 statements
