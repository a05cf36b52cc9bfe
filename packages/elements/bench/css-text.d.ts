// The benchmark imports SurveyJS's stylesheet as text (`with { type: 'text' }`) to put it on the page.
declare module '*.css' {
  const text: string;
  export default text;
}
