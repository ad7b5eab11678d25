/** A signed-in staff member talking to the staff API, the way the console does. */
export class StaffClient {
  private cookie = '';

  constructor(private readonly baseUrl: string) {}

  /** Signs in; returns the HTTP status (200 on success). */
  async login(username: string, password = 'anlaufstelle-demo'): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.baseUrl}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password })
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return { status: response.status, body: await response.json() };
  }

  async get(path: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie } });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  }

  async post(path: string, body: unknown = {}): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie },
      body: JSON.stringify(body)
    });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  }

  get sessionCookie(): string {
    return this.cookie;
  }
}
