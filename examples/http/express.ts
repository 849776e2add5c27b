// Express 5 app that calls its model itself, guarded by rampart/http. Run: npx tsx examples/http/express.ts
import express from 'express';
import { createGuard } from 'rampart';
import { rampartExpress } from 'rampart/http';

const app = express();
app.post('/chat', rampartExpress({ guard: createGuard() }), (req, res) => {
  // Blocked requests never get here; req.rampart holds the decision, req.body the parsed body.
  res.json({ action: req.rampart?.decision.action, reply: '(call your model with req.body.messages)' });
});
app.listen(Number(process.env.PORT ?? 3000), () => console.log('listening'));
