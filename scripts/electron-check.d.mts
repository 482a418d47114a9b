export function electronAvailable(env?: NodeJS.ProcessEnv): boolean;
export function electronMissingMessage(what?: string): string;
