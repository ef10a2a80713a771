/** A small markdown vault to import, as the upload handler takes it. */
export function smallVault(folder: string) {
  const file = (path: string, text: string) => ({ path, base64: Buffer.from(text).toString('base64') });
  return {
    files: [
      file(`${folder}/Bread.md`, '---\ntags: [baking]\n---\n# Bread\n\nFlour, water, salt and a sourdough starter. Bake hot.\n'),
      file(`${folder}/Soup.md`, 'Leek and potato soup for cold evenings. Goes with [[Bread]]. #dinner\n'),
      file(`${folder}/Pantry/Spices.md`, '- cumin\n- smoked paprika\n- fennel seeds\n'),
      file('.obsidian/workspace.json', '{}'),
    ],
  };
}
