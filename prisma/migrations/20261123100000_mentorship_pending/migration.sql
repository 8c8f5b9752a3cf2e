-- A mentorship a foundation proposes waits for the IKM to accept it (PENDING); until then the
-- foundation sees nothing private and may not assess or grade the IKM. (A new enum value cannot be
-- used in the transaction that adds it: the index using it is the next migration.)
ALTER TYPE "MentorshipStatus" ADD VALUE 'PENDING' BEFORE 'ACTIVE';
