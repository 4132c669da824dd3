export declare const DEFAULT_WORKER_HEAP_MB: number;
export declare function workerHeapArgs(env?: Readonly<Record<string, string | undefined>>): string[];
export declare function heapAlreadySet(execArgv?: readonly string[], nodeOptions?: string): boolean;
