// Types of spoken-text.js for the tests that import it (the kiosk itself runs the .js as is).

/** A board gig, in the shape of a `board:upsert` payload. */
export type BoardGig = {
  id: string;
  title: string;
  payFen: number;
  payUnit: 'HOUR' | 'DAY' | 'PIECE' | 'TOTAL';
  startsAt: string;
  endsAt: string;
  address: string;
  placesLeft: number;
  olderFriendly: boolean;
  publicWelfare: boolean;
  instant: boolean;
  skills: string[];
  distanceKm: number | null;
};

export declare const HOW_TO_TAKE: string;

export declare function clockWords(at: { hour: number; minute: number }): string;

export declare function spokenText(
  gig: BoardGig,
  context: {
    skillName: (code: string) => string | undefined;
    needsCertificate?: (gig: BoardGig) => boolean;
    /** The gig's hires are insured for each day (含意外险): a risky trade or a public-welfare post. */
    insured?: (gig: BoardGig) => boolean;
    now?: Date;
  },
): string;
