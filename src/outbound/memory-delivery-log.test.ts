import { InMemoryDeliveryLog } from './memory-delivery-log.js';
import { deliveryLogContract } from './testing/delivery-log-contract.js';

// Memory has no storage to reopen; handing back the last instance checks the contract's reopen test itself.
let last = new InMemoryDeliveryLog();
deliveryLogContract('in-memory delivery log', {
  create: async () => (last = new InMemoryDeliveryLog()),
  reopen: async () => last,
});
