/** Every socket.io room name comes from here, so emitters and joiners cannot drift apart. */
export const rooms = {
  account: (accountId: string) => `account:${accountId}`,
  worker: (workerId: string) => `worker:${workerId}`,
  employer: (employerId: string) => `employer:${employerId}`,
  station: (stationId: string) => `station:${stationId}`,
  admins: () => 'admins',
} as const;
