-- A partnership a firm records waits for the IKM to accept it (PENDING) and takes no capacity
-- until then. Only adds the value: PostgreSQL lets ALTER TYPE ... ADD VALUE run inside the
-- migration's transaction as long as nothing in that transaction uses the new value.
ALTER TYPE "PartnershipStatus" ADD VALUE 'PENDING' BEFORE 'ACTIVE';
