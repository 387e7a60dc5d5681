export function greet(name: string, excited: boolean): string {
  const greeting = `Hello, ${name}`;
  return excited ? `${greeting}!` : `${greeting}.`;
}
