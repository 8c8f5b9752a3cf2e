/**
 * Kemendagri region codes in dotted form: province `33`, regency/city `33.10`.
 * The 38 provinces (after the 2022 Papua split) are listed in full; regencies are listed where the
 * demo data or the known IKM clusters use them (README, Sources: Tegal, Klaten/Ceper, Purbalingga,
 * Sidoarjo, Juwana, Pasuruan, Sukabumi, Bandung, Solo Raya). Other regency codes are accepted when
 * their province exists; their name is then unknown to Jalin.
 */
export const PROVINCES: Readonly<Record<string, string>> = {
  "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
  "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung", "19": "Kepulauan Bangka Belitung",
  "21": "Kepulauan Riau", "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah",
  "34": "DI Yogyakarta", "35": "Jawa Timur", "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat",
  "53": "Nusa Tenggara Timur", "61": "Kalimantan Barat", "62": "Kalimantan Tengah",
  "63": "Kalimantan Selatan", "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
  "72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara", "75": "Gorontalo",
  "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara", "91": "Papua", "92": "Papua Barat",
  "93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan", "96": "Papua Barat Daya",
};

export const REGENCIES: Readonly<Record<string, string>> = {
  "31.72": "Kota Jakarta Utara", "31.75": "Kota Jakarta Timur",
  "32.02": "Kabupaten Sukabumi", "32.04": "Kabupaten Bandung", "32.15": "Kabupaten Karawang",
  "32.16": "Kabupaten Bekasi", "32.73": "Kota Bandung",
  "33.03": "Kabupaten Purbalingga", "33.09": "Kabupaten Boyolali", "33.10": "Kabupaten Klaten",
  "33.11": "Kabupaten Sukoharjo", "33.12": "Kabupaten Wonogiri", "33.13": "Kabupaten Karanganyar",
  "33.14": "Kabupaten Sragen", "33.18": "Kabupaten Pati", "33.28": "Kabupaten Tegal",
  "33.72": "Kota Surakarta", "33.76": "Kota Tegal",
  "34.04": "Kabupaten Sleman",
  "35.14": "Kabupaten Pasuruan", "35.15": "Kabupaten Sidoarjo", "35.78": "Kota Surabaya",
  "36.03": "Kabupaten Tangerang",
};

const CODE = /^(\d{2})(\.\d{2})?$/;

/** Why `code` is not a usable region code, or null when it is. */
export function regionCodeProblem(code: string): string | null {
  const match = CODE.exec(code);
  if (!match) return `"${code}" is not a Kemendagri region code; use "33" for a province or "33.10" for a regency.`;
  if (!PROVINCES[match[1]]) return `"${match[1]}" is not one of the 38 province codes.`;
  if (match[2] === ".00") return `"${code}" names no regency; use "${match[1]}" for the whole province.`;
  return null;
}

export function regionName(code: string): string | null {
  return REGENCIES[code] ?? PROVINCES[code] ?? null;
}
