// Shared by the per-vendor scripts: read the gateway's address from the environment, run one named
// case, print its result as one JSON line on stdout. An API error the SDK raises is a result too
// (the Java side asserts on it); anything else is a failure with a non-zero exit.

export function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set (expected: GPROXY_BASE_URL, GPROXY_API_KEY and GPROXY_MODEL)`);
  }
  return value;
}

export async function run(cases, describeError) {
  const name = process.argv[2];
  const body = cases[name];
  if (!body) {
    console.error(`unknown case '${name}' (expected one of: ${Object.keys(cases).join(', ')})`);
    process.exit(2);
  }
  try {
    print(await body());
  } catch (e) {
    const described = describeError(e);
    if (!described) {
      console.error(e);
      process.exit(1);
    }
    print({ error: described });
  }
}

function print(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
}
