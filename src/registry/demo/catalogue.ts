import type { FirearmType } from '../model.ts';
import type { CartridgeCategory } from './calibres.ts';

/**
 * What the demonstration State's registry holds: real makes and models of the kinds of firearms a
 * national registry meets (so search, filters and reports look familiar), held by fictional parties.
 * `calibres` are preferred cartridge names from the ammolytics list; `category` picks another of the
 * list now and then so the whole list is exercised. `weight` is relative frequency.
 */
export interface ModelSpec {
  make: string;
  model: string;
  type: FirearmType;
  country: string;
  category: CartridgeCategory;
  calibres: readonly string[];
  weight: number;
  /** Held by State agencies only (military types). */
  stateOnly?: boolean;
  /** Serial shape: letters then digits. */
  serial: { prefix: string; digits: number };
  /** Years the model was made. */
  years: [number, number];
}

export const MODELS: readonly ModelSpec[] = [
  { make: 'Glock', model: '17', type: 'self_loading_pistol', country: 'AT', category: 'pistol', calibres: ['9mm Luger'], weight: 60, serial: { prefix: 'GL', digits: 6 }, years: [1985, 2025] },
  { make: 'Glock', model: '19', type: 'self_loading_pistol', country: 'AT', category: 'pistol', calibres: ['9mm Luger'], weight: 50, serial: { prefix: 'GM', digits: 6 }, years: [1990, 2025] },
  { make: 'Beretta', model: '92FS', type: 'self_loading_pistol', country: 'IT', category: 'pistol', calibres: ['9mm Luger'], weight: 40, serial: { prefix: 'BER', digits: 6 }, years: [1985, 2025] },
  { make: 'SIG Sauer', model: 'P226', type: 'self_loading_pistol', country: 'DE', category: 'pistol', calibres: ['9mm Luger', '40 Smith & Wesson'], weight: 25, serial: { prefix: 'U', digits: 6 }, years: [1984, 2025] },
  { make: 'CZ', model: '75 B', type: 'self_loading_pistol', country: 'CZ', category: 'pistol', calibres: ['9mm Luger'], weight: 35, serial: { prefix: 'C', digits: 6 }, years: [1976, 2025] },
  { make: 'Walther', model: 'P99', type: 'self_loading_pistol', country: 'DE', category: 'pistol', calibres: ['9mm Luger'], weight: 15, serial: { prefix: 'FAA', digits: 5 }, years: [1997, 2025] },
  { make: 'Heckler & Koch', model: 'USP', type: 'self_loading_pistol', country: 'DE', category: 'pistol', calibres: ['9mm Luger', '45 Automatic'], weight: 15, serial: { prefix: '24-', digits: 6 }, years: [1993, 2025] },
  { make: 'Smith & Wesson', model: 'M&P9', type: 'self_loading_pistol', country: 'US', category: 'pistol', calibres: ['9mm Luger'], weight: 20, serial: { prefix: 'MP', digits: 6 }, years: [2005, 2025] },
  { make: 'Browning', model: 'Hi-Power', type: 'self_loading_pistol', country: 'BE', category: 'pistol', calibres: ['9mm Luger'], weight: 10, serial: { prefix: '245', digits: 5 }, years: [1950, 2017] },
  { make: 'Taurus', model: 'PT92', type: 'self_loading_pistol', country: 'BR', category: 'pistol', calibres: ['9mm Luger'], weight: 20, serial: { prefix: 'TAY', digits: 5 }, years: [1983, 2025] },
  { make: 'Makarov', model: 'PM', type: 'self_loading_pistol', country: 'RU', category: 'pistol', calibres: ['9mm Makarov'], weight: 8, serial: { prefix: 'AA', digits: 4 }, years: [1951, 1995] },
  { make: 'Tula Arms Plant', model: 'TT-33', type: 'self_loading_pistol', country: 'RU', category: 'pistol', calibres: ['7.62 x 25 Tokarev'], weight: 4, serial: { prefix: 'PC', digits: 4 }, years: [1933, 1954] },
  { make: 'Smith & Wesson', model: 'Model 686', type: 'revolver', country: 'US', category: 'pistol', calibres: ['357 Magnum'], weight: 12, serial: { prefix: 'BFT', digits: 4 }, years: [1980, 2025] },
  { make: 'Ruger', model: 'GP100', type: 'revolver', country: 'US', category: 'pistol', calibres: ['357 Magnum'], weight: 8, serial: { prefix: '170-', digits: 5 }, years: [1985, 2025] },
  { make: 'Taurus', model: '85', type: 'revolver', country: 'BR', category: 'pistol', calibres: ['38 Special'], weight: 12, serial: { prefix: 'SH', digits: 6 }, years: [1980, 2025] },
  { make: 'Colt', model: 'Python', type: 'revolver', country: 'US', category: 'pistol', calibres: ['357 Magnum'], weight: 3, serial: { prefix: 'V', digits: 5 }, years: [1955, 2025] },
  { make: 'Remington', model: '700', type: 'rifle', country: 'US', category: 'rifle', calibres: ['308 Winchester', '30-06 Springfield', '270 Winchester'], weight: 30, serial: { prefix: 'E', digits: 7 }, years: [1962, 2025] },
  { make: 'Ruger', model: '10/22', type: 'rifle', country: 'US', category: 'rimfire', calibres: ['22 Long Rifle'], weight: 35, serial: { prefix: '0001-', digits: 5 }, years: [1964, 2025] },
  { make: 'CZ', model: '457', type: 'rifle', country: 'CZ', category: 'rimfire', calibres: ['22 Long Rifle', '22 Winchester Magnum Rimfire'], weight: 20, serial: { prefix: 'D', digits: 6 }, years: [2019, 2025] },
  { make: 'Tikka', model: 'T3x', type: 'rifle', country: 'FI', category: 'rifle', calibres: ['308 Winchester', '6.5 Creedmoor', '243 Winchester'], weight: 20, serial: { prefix: 'T', digits: 6 }, years: [2016, 2025] },
  { make: 'Sako', model: '85', type: 'rifle', country: 'FI', category: 'rifle', calibres: ['30-06 Springfield', '9.3 x 62', '7 x 64'], weight: 10, serial: { prefix: 'S', digits: 6 }, years: [2006, 2025] },
  { make: 'Mauser', model: 'M18', type: 'rifle', country: 'DE', category: 'rifle', calibres: ['308 Winchester', '8 x 57 IS'], weight: 8, serial: { prefix: 'M18', digits: 5 }, years: [2018, 2025] },
  { make: 'Winchester', model: 'Model 70', type: 'rifle', country: 'US', category: 'rifle', calibres: ['30-06 Springfield', '300 Winchester Magnum'], weight: 10, serial: { prefix: 'G', digits: 7 }, years: [1964, 2025] },
  { make: 'Steyr Mannlicher', model: 'SSG 08', type: 'rifle', country: 'AT', category: 'rifle', calibres: ['308 Winchester'], weight: 3, serial: { prefix: 'SSG', digits: 5 }, years: [2008, 2025] },
  { make: 'Ruger', model: 'Mini-14', type: 'carbine', country: 'US', category: 'rifle', calibres: ['223 Remington'], weight: 10, serial: { prefix: '580-', digits: 5 }, years: [1973, 2025] },
  { make: 'Beretta', model: 'Cx4 Storm', type: 'carbine', country: 'IT', category: 'pistol', calibres: ['9mm Luger'], weight: 6, serial: { prefix: 'CX', digits: 5 }, years: [2003, 2025] },
  { make: 'Simonov', model: 'SKS', type: 'carbine', country: 'RU', category: 'rifle', calibres: ['7.62 x 39'], weight: 6, serial: { prefix: 'NT', digits: 5 }, years: [1949, 1958] },
  { make: 'Remington', model: '870', type: 'shotgun', country: 'US', category: 'shotshell', calibres: ['12/70', '12/76'], weight: 30, serial: { prefix: 'RS', digits: 6 }, years: [1950, 2025] },
  { make: 'Mossberg', model: '500', type: 'shotgun', country: 'US', category: 'shotshell', calibres: ['12/76', '20/70'], weight: 25, serial: { prefix: 'U', digits: 6 }, years: [1961, 2025] },
  { make: 'Benelli', model: 'M4', type: 'shotgun', country: 'IT', category: 'shotshell', calibres: ['12/76'], weight: 10, serial: { prefix: 'M', digits: 6 }, years: [1998, 2025] },
  { make: 'Beretta', model: 'A400', type: 'shotgun', country: 'IT', category: 'shotshell', calibres: ['12/76', '20/70'], weight: 15, serial: { prefix: 'XA', digits: 6 }, years: [2010, 2025] },
  { make: 'Baikal', model: 'IZH-27', type: 'shotgun', country: 'RU', category: 'shotshell', calibres: ['12/70'], weight: 12, serial: { prefix: '0', digits: 7 }, years: [1973, 2010] },
  { make: 'Kalashnikov Concern', model: 'AK-74M', type: 'assault_rifle', country: 'RU', category: 'rifle', calibres: ['5.45 x 39'], weight: 4, stateOnly: true, serial: { prefix: 'KA', digits: 6 }, years: [1991, 2020] },
  { make: 'FN Herstal', model: 'FAL', type: 'assault_rifle', country: 'BE', category: 'rifle', calibres: ['308 Winchester'], weight: 3, stateOnly: true, serial: { prefix: 'FAL', digits: 5 }, years: [1955, 1990] },
  { make: 'Heckler & Koch', model: 'MP5', type: 'sub_machine_gun', country: 'DE', category: 'pistol', calibres: ['9mm Luger'], weight: 2, stateOnly: true, serial: { prefix: '64-', digits: 6 }, years: [1966, 2025] },
  { make: 'FN Herstal', model: 'Minimi', type: 'light_machine_gun', country: 'BE', category: 'rifle', calibres: ['223 Remington'], weight: 1, stateOnly: true, serial: { prefix: 'MN', digits: 6 }, years: [1974, 2025] },
  { make: 'Degtyaryov Plant', model: 'PKM', type: 'light_machine_gun', country: 'RU', category: 'rifle', calibres: ['7.62 x 54 R'], weight: 1, stateOnly: true, serial: { prefix: 'PK', digits: 6 }, years: [1969, 2000] },
  { make: 'General Dynamics', model: 'M2HB', type: 'heavy_machine_gun', country: 'US', category: 'rifle', calibres: ['50 Browning'], weight: 0.3, stateOnly: true, serial: { prefix: 'M2', digits: 6 }, years: [1933, 2025] },
];

/**
 * The demonstration State's own (fictional) manufacturers: items they make carry a `manufactured`
 * event instead of an import.
 */
export const DOMESTIC_MODELS: readonly (Omit<ModelSpec, 'country'> & { makerIndex: number })[] = [
  { make: 'Arsenal Meridional', model: 'AM-9', type: 'self_loading_pistol', category: 'pistol', calibres: ['9mm Luger'], weight: 30, serial: { prefix: 'AM', digits: 7 }, years: [1995, 2025], makerIndex: 0 },
  { make: 'Arsenal Meridional', model: 'Centinela', type: 'revolver', category: 'pistol', calibres: ['38 Special', '357 Magnum'], weight: 10, serial: { prefix: 'AMR', digits: 6 }, years: [1980, 2025], makerIndex: 0 },
  { make: 'Northfield Precision Arms', model: 'NPA Hunter', type: 'rifle', category: 'rifle', calibres: ['308 Winchester', '30-06 Springfield', '6.5 Creedmoor'], weight: 20, serial: { prefix: 'NPA', digits: 6 }, years: [2001, 2025], makerIndex: 1 },
  { make: 'Northfield Precision Arms', model: 'NPA Rimfire', type: 'rifle', category: 'rimfire', calibres: ['22 Long Rifle'], weight: 15, serial: { prefix: 'NPR', digits: 6 }, years: [2005, 2025], makerIndex: 1 },
  { make: 'Valdoria Ordnance Works', model: 'VOW-12', type: 'shotgun', category: 'shotshell', calibres: ['12/70', '12/76'], weight: 20, serial: { prefix: 'VOW', digits: 6 }, years: [1990, 2025], makerIndex: 2 },
  { make: 'Valdoria Ordnance Works', model: 'VOW-C5', type: 'carbine', category: 'rifle', calibres: ['223 Remington'], weight: 5, serial: { prefix: 'VC', digits: 6 }, years: [2010, 2025], makerIndex: 2 },
];

export const DOMESTIC_MANUFACTURERS = ['Arsenal Meridional S.A.', 'Northfield Precision Arms Ltd', 'Valdoria Ordnance Works'] as const;

export const IMPORTERS = [
  'Costa Alta Import & Trading',
  'Meridian Sporting Imports',
  'Puerto Viejo Arms Trading Co.',
  'Lakeside Outdoor Supply Import',
  'Sierra Azul Comercial',
  'Eastgate Defence Logistics',
] as const;

export const DEALER_PREFIXES = ['Armería', 'Gun Shop', 'Caza y Pesca', 'Sporting Arms', 'Tiro Deportivo', 'Outdoor', 'Armurerie'] as const;

export const STATE_AGENCIES = ['National Firearms Authority', 'National Police', 'Customs and Border Service', 'Armed Forces Logistics Command'] as const;

export const ORGANISATION_OWNERS = ['Shooting Club', 'Security Services', 'Hunting Association', 'Biathlon Club', 'Private Security Ltd'] as const;

export const TOWNS = [
  'Puerto Viejo',
  'San Aurelio',
  'Lakeside',
  'Villa Serena',
  'Northfield',
  'Valdoria',
  'Costa Alta',
  'Monte Claro',
  'Riverton',
  'Santa Inés',
  'Eastgate',
  'Los Pinos',
  'Belmont',
  'Aguas Dulces',
  'Saint-Rémy-du-Sud',
] as const;

export const STREETS = ['Calle Mayor', 'Avenida del Puerto', 'High Street', 'Rue des Tilleuls', 'Camino Real', 'Mill Lane', 'Plaza Central', 'Calle de los Olivos', 'Station Road'] as const;

export const GIVEN_NAMES = [
  'Ana', 'Luis', 'María', 'Carlos', 'Sofía', 'Jorge', 'Lucía', 'Pedro', 'Elena', 'Tomás', 'Isabel', 'Miguel', 'Carmen', 'Diego', 'Laura',
  'John', 'Emily', 'James', 'Olivia', 'William', 'Grace', 'Thomas', 'Hannah', 'Daniel', 'Chloe', 'Samuel', 'Amelia',
  'Jean', 'Camille', 'Louis', 'Margaux', 'Pierre', 'Élodie', 'Hugo', 'Inès', 'Nadia', 'Omar', 'Amina', 'Kofi', 'Yuki', 'Mei', 'Arjun', 'Priya',
] as const;

export const FAMILY_NAMES = [
  'García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Díaz', 'Moreno', 'Álvarez', 'Romero', 'Navarro', 'Torres',
  'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Evans', 'Walker', 'Wright', 'Hughes', 'Clarke', 'Baker', 'Turner',
  'Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Mensah', 'Okafor', 'Haddad', 'Tanaka', 'Chen', 'Patel', 'Nair',
  'Valdés', 'Quintero', 'Serrano', 'Ibarra', 'Aguilar',
] as const;

/** Countries the demo State exports to and imports from (counterpart of import/export events). */
export const EXPORT_DESTINATIONS = ['CL', 'PE', 'CO', 'ES', 'PT', 'US', 'CA', 'ZA', 'NA', 'KE', 'GH'] as const;
