// GraphiQL from the project's own packages (graphiql, react, react-dom), served by this server
// under /graphiql/vendor/: nothing is fetched from a CDN, so it works on a network closed to the
// internet. It talks only to /graphql on this origin.
/* global React, ReactDOM, GraphiQL */
(() => {
  const main = document.getElementById('main');

  if (typeof GraphiQL === 'undefined' || typeof React === 'undefined' || typeof ReactDOM === 'undefined') {
    const problem = document.createElement('p');
    problem.className = 'problem';
    problem.textContent =
      "GraphiQL's files did not load from this server (/graphiql/vendor/). See the server's log; /graphql answers without them.";
    main.replaceChildren(problem);
    return;
  }

  const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).href });
  ReactDOM.createRoot(main).render(
    // The Headers tab carries the caller's token ({"Authorization": "Bearer <token>"}), kept
    // across reloads in this browser.
    React.createElement(GraphiQL, { fetcher, shouldPersistHeaders: true }),
  );
})();
