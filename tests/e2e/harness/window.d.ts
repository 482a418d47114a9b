import type { StintBridge } from '../../../src/common/ipc/bridge';

declare global {
  interface Window {
    stint: StintBridge;
  }
}
