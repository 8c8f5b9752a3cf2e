import type { Prisma, PrismaClient } from "../../../generated/prisma/client.js";

/** A Prisma client or the client of an open transaction: every repository works on either. */
export type Client = PrismaClient | Prisma.TransactionClient;
