import type { NewServiceRequest, RequestStore, ServiceRequest } from '../../bot/requests/serviceRequest';

/**
 * A RequestStore in memory for building the demo data set quickly with the real HandoffService
 * (every history event, number and field as in production); the seed then writes the requests to the
 * lowdb queue files. Ids and numbers are deterministic: `id()` comes from the seeded generator and
 * numbers continue from `firstNumber`.
 */
export class MemoryRequestStore implements RequestStore {
  readonly requests: ServiceRequest[] = [];
  private next: number;

  constructor(
    private readonly now: () => Date,
    private readonly id: () => string,
    firstNumber: number
  ) {
    this.next = firstNumber;
  }

  async create(input: NewServiceRequest): Promise<ServiceRequest> {
    const at = this.now().toISOString();
    const request: ServiceRequest = {
      ...structuredClone(input),
      id: this.id(),
      number: `${input.department.slice(0, 3).toUpperCase()}-${this.next++}`,
      status: input.status ?? 'open',
      history: [{ at, type: 'created' }],
      createdAt: at,
      updatedAt: at
    };
    this.requests.push(request);
    return structuredClone(request);
  }

  async get(id: string): Promise<ServiceRequest | undefined> {
    const found = this.requests.find((r) => r.id === id);
    return found && structuredClone(found);
  }

  async update(id: string, change: (request: ServiceRequest) => void): Promise<ServiceRequest> {
    const index = this.requests.findIndex((r) => r.id === id);
    if (index < 0) throw new Error(`No request with id ${id}`);
    const request = structuredClone(this.requests[index]);
    change(request);
    request.updatedAt = this.now().toISOString();
    this.requests[index] = request;
    return structuredClone(request);
  }

  async listByDepartment(department: string): Promise<ServiceRequest[]> {
    return this.requests.filter((r) => r.department === department).map((r) => structuredClone(r));
  }

  async listByRequester(userId: string): Promise<ServiceRequest[]> {
    return this.requests.filter((r) => r.requester.userId === userId).reverse().map((r) => structuredClone(r));
  }

  async listAll(): Promise<ServiceRequest[]> {
    return [...this.requests].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((r) => structuredClone(r));
  }
}
